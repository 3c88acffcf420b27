using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.CodeFixes;

/// <summary>CORO001: wraps the yielded value in <c>Coroutine.Return(...)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO001YieldNonFutureCodeFix)), Shared]
public sealed class CORO001YieldNonFutureCodeFix : CodeFixProvider
{
    private const string Title = "Wrap in Coroutine.Return(...)";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO001");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(CORO001YieldNonFutureAnalyzer.CanWrapInReturnProperty)
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => WrapAsync(context.Document, value, ct), equivalenceKey: Title),
                diagnostic);
        }
    }

    private static async Task<Document> WrapAsync(Document document, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        ExpressionSyntax wrapped = Syntax.InvokeCoroutineMember("Return", value.WithoutTrivia()).WithTriviaFrom(value);
        return document.WithSyntaxRoot(root.ReplaceNode(value, wrapped));
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coro.CodeFixes;

/// <summary>CORO006: yields the discarded future; calls <c>&lt;Name&gt;Async</c> instead of the body.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO006DiscardedFutureCodeFix)), Shared]
public sealed class CORO006DiscardedFutureCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO006");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null
                || !diagnostic.Properties.TryGetValue(CORO006DiscardedFutureAnalyzer.FixProperty, out string? fix)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(CORO006DiscardedFutureAnalyzer.WrapperNameProperty, out string? wrapper);
            string title = fix == CORO006DiscardedFutureAnalyzer.YieldFix ? "Yield the future" : $"Call '{wrapper}'";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, invocation, fix, wrapper, ct), equivalenceKey: "CORO006"),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, InvocationExpressionSyntax invocation, string? fix, string? wrapper, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        ExpressionSyntax call = invocation;
        if (fix != CORO006DiscardedFutureAnalyzer.YieldFix)
        {
            if (wrapper is null || Rename(invocation, wrapper) is not { } renamed)
            {
                return document;
            }

            call = renamed;
        }

        if (fix == CORO006DiscardedFutureAnalyzer.CallWrapperFix)
        {
            return document.WithSyntaxRoot(root.ReplaceNode(invocation, call));
        }

        if (invocation.Parent is not ExpressionStatementSyntax statement)
        {
            return document;
        }

        return document.WithSyntaxRoot(root.ReplaceNode(statement, Syntax.YieldReturn(call).WithTriviaFrom(statement)));
    }

    private static InvocationExpressionSyntax? Rename(InvocationExpressionSyntax invocation, string name)
    {
        ExpressionSyntax? expression = invocation.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.WithIdentifier(Identifier(name).WithTriviaFrom(identifier.Identifier)),
            GenericNameSyntax generic => generic.WithIdentifier(Identifier(name).WithTriviaFrom(generic.Identifier)),
            MemberAccessExpressionSyntax access => access.WithName(access.Name is GenericNameSyntax g
                ? g.WithIdentifier(Identifier(name))
                : IdentifierName(name)),
            _ => null,
        };
        return expression is null ? null : invocation.WithExpression(expression);
    }
}

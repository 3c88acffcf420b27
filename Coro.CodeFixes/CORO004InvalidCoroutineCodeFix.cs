using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Coro.CodeFixes;

/// <summary>CORO004: adds <c>partial</c> to the [Coroutine] method and to every containing type.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO004InvalidCoroutineCodeFix)), Shared]
public sealed class CORO004InvalidCoroutineCodeFix : CodeFixProvider
{
    private const string Title = "Add the missing 'partial' modifiers";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO004");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(CORO004InvalidCoroutineAnalyzer.AddPartialProperty))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: Title),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SyntaxNode root = editor.OriginalRoot;
        var done = new System.Collections.Generic.HashSet<MemberDeclarationSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(CORO004InvalidCoroutineAnalyzer.AddPartialProperty)
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            for (SyntaxNode? node = method; node is not null; node = node.Parent)
            {
                if (node is MethodDeclarationSyntax or TypeDeclarationSyntax
                    && !CORO004InvalidCoroutineAnalyzer.IsPartial((MemberDeclarationSyntax)node)
                    && done.Add((MemberDeclarationSyntax)node))
                {
                    editor.SetModifiers(node, editor.Generator.GetModifiers(node).WithPartial(true));
                }
            }
        }

        return editor.GetChangedDocument();
    }
}

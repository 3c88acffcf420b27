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

/// <summary>
/// CORO004: adds <c>partial</c> to the [Coroutine] method and to every containing type. It also fixes
/// the compiler's CS0751 on a [Coroutine] partial method in a type that is not partial: there the
/// generator reports CORO004 (the compiler would hide the analyzer's), and a tool that fixes only
/// what the analyzers and the compiler report sees CS0751.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO004InvalidCoroutineCodeFix)), Shared]
public sealed class CORO004InvalidCoroutineCodeFix : CodeFixProvider
{
    private const string Title = "Add the missing 'partial' modifiers";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO004", "CS0751");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(CORO004InvalidCoroutineAnalyzer.AddPartialProperty)
                || (diagnostic.Id != "CORO004" && IsCoroutineMissingPartial(root, diagnostic)))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SyntaxNode root = editor.OriginalRoot;
        var done = new System.Collections.Generic.HashSet<MemberDeclarationSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if ((!diagnostic.Properties.ContainsKey(CORO004InvalidCoroutineAnalyzer.AddPartialProperty) && !IsCoroutineMissingPartial(root, diagnostic))
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
            {
                continue;
            }

            for (SyntaxNode? node = method; node is not null; node = node.Parent)
            {
                if (node is MethodDeclarationSyntax or TypeDeclarationSyntax
                    && !CoroutineShape.IsPartial((MemberDeclarationSyntax)node)
                    && done.Add((MemberDeclarationSyntax)node))
                {
                    editor.SetModifiers(node, editor.Generator.GetModifiers(node).WithPartial(true));
                }
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>A compiler error on a method with a Coroutine attribute in a type that is not partial.</summary>
    private static bool IsCoroutineMissingPartial(SyntaxNode? root, Diagnostic diagnostic)
    {
        if (diagnostic.Id == "CORO004" || root is null || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method)
        {
            return false;
        }

        bool marked = false;
        foreach (AttributeListSyntax list in method.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                string name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                    : attribute.Name is SimpleNameSyntax simple ? simple.Identifier.ValueText
                    : string.Empty;
                marked |= name is "Coroutine" or "CoroutineAttribute";
            }
        }

        if (!marked)
        {
            return false;
        }

        for (SyntaxNode? node = method.Parent; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type && !CoroutineShape.IsPartial(type))
            {
                return true;
            }
        }

        return false;
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coro.CodeFixes;

/// <summary>
/// CORO008: <c>[Coroutine&lt;T&gt;]</c> below C# 11 becomes <c>[Coroutine(ResultType = "T")]</c>. It
/// also takes the compiler's CS8773 on such an attribute: the generator reports CORO008 (the compiler
/// error hides any analyzer), and a tool that fixes only what the analyzers and the compiler report
/// sees CS8773.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO008GenericAttributeCodeFix)), Shared]
public sealed class CORO008GenericAttributeCodeFix : CodeFixProvider
{
    private const string Title = "Write the result type as [Coroutine(ResultType = \"...\")]";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO008", "CS8773");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (model is not null && GenericCoroutineAttribute(model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return document;
        }

        var attributes = new System.Collections.Generic.HashSet<AttributeSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (GenericCoroutineAttribute(model, diagnostic, cancellationToken) is { } attribute)
            {
                attributes.Add(attribute);
            }
        }

        SyntaxNode root = model.SyntaxTree.GetRoot(cancellationToken);
        return document.WithSyntaxRoot(root.ReplaceNodes(attributes, static (original, _) => Rewrite(original)));
    }

    /// <summary><c>Coroutine&lt;T&gt;(args)</c> → <c>Coroutine(args, ResultType = "T")</c>, the name's qualifier kept.</summary>
    private static AttributeSyntax Rewrite(AttributeSyntax attribute)
    {
        GenericNameSyntax generic = CoroutineShape.GenericName(attribute.Name)!;
        string resultType = generic.TypeArgumentList.Arguments[0].ToString();
        IdentifierNameSyntax plain = IdentifierName(generic.Identifier).WithTriviaFrom(generic);
        NameSyntax name = attribute.Name.ReplaceNode(generic, plain);
        AttributeArgumentSyntax resultTypeArgument = AttributeArgument(
            NameEquals(IdentifierName("ResultType")),
            nameColon: null,
            LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(resultType)));
        AttributeArgumentListSyntax arguments = (attribute.ArgumentList ?? AttributeArgumentList()).AddArguments(resultTypeArgument);
        return attribute.WithName(name).WithArgumentList(arguments);
    }

    /// <summary>The <c>[Coroutine&lt;T&gt;]</c> the diagnostic is on, or null: Coro's attribute by
    /// its symbol (the compiler binds it below C# 11 too, beside CS8773), as the generator knows it.</summary>
    private static AttributeSyntax? GenericCoroutineAttribute(SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode root = model.SyntaxTree.GetRoot(cancellationToken);
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
            || CoroutineShape.GenericName(attribute.Name) is not { TypeArgumentList.Arguments.Count: 1 })
        {
            return null;
        }

        return CoroutineShape.IsCoroutineAttribute(model.GetSymbolInfo(attribute, cancellationToken).Symbol?.ContainingType) ? attribute : null;
    }
}

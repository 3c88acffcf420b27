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
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is not null && GenericCoroutineAttribute(root, diagnostic) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var attributes = new System.Collections.Generic.HashSet<AttributeSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (GenericCoroutineAttribute(root, diagnostic) is { } attribute)
            {
                attributes.Add(attribute);
            }
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(attributes, static (original, _) => Rewrite(original)));
    }

    /// <summary><c>Coroutine&lt;T&gt;(args)</c> → <c>Coroutine(args, ResultType = "T")</c>, the name's qualifier kept.</summary>
    private static AttributeSyntax Rewrite(AttributeSyntax attribute)
    {
        GenericNameSyntax generic = GenericName(attribute.Name)!;
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

    /// <summary>The <c>[Coroutine&lt;T&gt;]</c> the diagnostic is on, or null.</summary>
    private static AttributeSyntax? GenericCoroutineAttribute(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
            || GenericName(attribute.Name) is not { TypeArgumentList.Arguments.Count: 1 } generic)
        {
            return null;
        }

        return generic.Identifier.ValueText is "Coroutine" or "CoroutineAttribute" ? attribute : null;
    }

    private static GenericNameSyntax? GenericName(NameSyntax name) => name switch
    {
        GenericNameSyntax generic => generic,
        QualifiedNameSyntax { Right: GenericNameSyntax generic } => generic,
        AliasQualifiedNameSyntax { Name: GenericNameSyntax generic } => generic,
        _ => null,
    };
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coro.CodeFixes;

/// <summary>CORO005: sets the type argument of the method's [Coroutine] attribute to the returned value's type.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO005ReturnTypeMismatchCodeFix)), Shared]
public sealed class CORO005ReturnTypeMismatchCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO005");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(CORO005ReturnTypeMismatchAnalyzer.ResultTypeProperty, out string? type) || type is null
                || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
                || FindAttribute(method, model, context.CancellationToken) is not { } attribute)
            {
                continue;
            }

            if (diagnostic.Properties.ContainsKey(CORO005ReturnTypeMismatchAnalyzer.ResultTypeAsStringProperty))
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use [Coroutine(ResultType = \"{type}\")]", ct => SetResultTypeStringAsync(context.Document, attribute, type, ct), equivalenceKey: "CORO005"),
                    diagnostic);
                continue;
            }

            string title = $"Use [Coroutine<{ParseTypeName(type).WithoutTrivia().ToString().Replace("global::", string.Empty)}>]";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => SetTypeAsync(context.Document, attribute, type, ct), equivalenceKey: "CORO005"),
                diagnostic);
        }
    }

    /// <summary>The attribute on this declaration or on the other part of the partial method in this type declaration.</summary>
    private static AttributeSyntax? FindAttribute(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        if (FindAttributeOn(method, model, cancellationToken) is { } attribute)
        {
            return attribute;
        }

        if (method.Parent is TypeDeclarationSyntax type)
        {
            foreach (MemberDeclarationSyntax member in type.Members)
            {
                if (member is MethodDeclarationSyntax other && other != method
                    && other.Identifier.ValueText == method.Identifier.ValueText
                    && other.ParameterList.Parameters.Count == method.ParameterList.Parameters.Count
                    && FindAttributeOn(other, model, cancellationToken) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static AttributeSyntax? FindAttributeOn(MethodDeclarationSyntax method, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (AttributeListSyntax list in method.AttributeLists)
        {
            foreach (AttributeSyntax attribute in list.Attributes)
            {
                if (model.GetSymbolInfo(attribute, cancellationToken).Symbol?.ContainingType is { } type
                    && type.ContainingNamespace is { Name: "Coro", ContainingNamespace.IsGlobalNamespace: true }
                    && type.Name == "CoroutineAttribute")
                {
                    return attribute;
                }
            }
        }

        return null;
    }

    private static async Task<Document> SetTypeAsync(Document document, AttributeSyntax attribute, string type, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        TypeArgumentListSyntax arguments = TypeArgumentList(SingletonSeparatedList(
            ParseTypeName(type).WithAdditionalAnnotations(Simplifier.Annotation)));
        NameSyntax? name = WithTypeArgument(attribute.Name, arguments);
        return root is null || name is null
            ? document
            : document.WithSyntaxRoot(root.ReplaceNode(attribute.Name, name.WithTriviaFrom(attribute.Name)));
    }

    /// <summary><c>[Coroutine(ResultType = "List&lt;T&gt;")]</c>: for a type that uses type parameters,
    /// which C# does not allow as an attribute's type argument.</summary>
    private static async Task<Document> SetResultTypeStringAsync(Document document, AttributeSyntax attribute, string type, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        NameSyntax name = attribute.Name switch
        {
            GenericNameSyntax generic => IdentifierName(generic.Identifier),
            QualifiedNameSyntax { Right: GenericNameSyntax right } qualified => qualified.WithRight(IdentifierName(right.Identifier)),
            _ => attribute.Name,
        };
        AttributeSyntax fixedAttribute = attribute
            .WithName(name.WithTriviaFrom(attribute.Name))
            .WithArgumentList(AttributeArgumentList(SingletonSeparatedList(
                AttributeArgument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(type)))
                    .WithNameEquals(NameEquals(IdentifierName(ResultTypeName.PropertyName))))));
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(attribute, fixedAttribute));
    }

    private static NameSyntax? WithTypeArgument(NameSyntax name, TypeArgumentListSyntax arguments) => name switch
    {
        IdentifierNameSyntax identifier => GenericName(identifier.Identifier, arguments),
        GenericNameSyntax generic => generic.WithTypeArgumentList(arguments),
        QualifiedNameSyntax qualified when WithTypeArgument(qualified.Right, arguments) is SimpleNameSyntax right => qualified.WithRight(right),
        AliasQualifiedNameSyntax alias when WithTypeArgument(alias.Name, arguments) is SimpleNameSyntax right => alias.WithName(right),
        _ => null,
    };
}

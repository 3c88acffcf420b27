using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro;

/// <summary>
/// Reads <c>[Coroutine(ResultType = "List&lt;T&gt;")]</c>: a result type named in a string, because C#
/// does not allow a type parameter as an attribute's type argument. Shared by the generator and the
/// analyzers (linked into Coro.Analyzers), so both bind the string the same way.
/// </summary>
internal static class ResultTypeName
{
    public const string PropertyName = "ResultType";

    /// <summary>The string given to <c>ResultType</c>, or null if the attribute has none.</summary>
    public static string? Of(AttributeData attribute)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == PropertyName && argument.Value.Value is string text)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>
    /// Binds <paramref name="text"/> as a type where the method's type parameters are in scope (just
    /// inside its parameter list). Null if it is not exactly one type, or names none.
    /// </summary>
    public static ITypeSymbol? Bind(string text, SemanticModel model, MethodDeclarationSyntax declaration)
    {
        TypeSyntax type = SyntaxFactory.ParseTypeName(text, offset: 0, consumeFullText: true);
        if (type.ContainsDiagnostics || type.IsMissing)
        {
            return null;
        }

        int position = declaration.ParameterList.OpenParenToken.Span.End;
        ITypeSymbol? bound = model.GetSpeculativeTypeInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        if (bound is null || bound.TypeKind == TypeKind.Error || CannotBeResult(bound))
        {
            return null;
        }

        // Speculative binding drops a top-level annotation ("T?", "string?"); the syntax still has it.
        return type is NullableTypeSyntax && !bound.IsValueType
            ? bound.WithNullableAnnotation(NullableAnnotation.Annotated)
            : bound;
    }

    /// <summary>An error anywhere in the type, or a pointer (which cannot be a type argument).</summary>
    private static bool CannotBeResult(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol => true,
        INamedTypeSymbol named => named.TypeArguments.Any(CannotBeResult),
        IArrayTypeSymbol array => CannotBeResult(array.ElementType),
        IPointerTypeSymbol => true,
        _ => false,
    };
}

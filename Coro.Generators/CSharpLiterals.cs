using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Coro.Generators;

/// <summary>Constants and names written as C# source, the same on every machine (invariant culture).</summary>
internal static class CSharpLiterals
{
    /// <summary>
    /// A parameter's default value as C# source, or null if it has no constant form we know. Enums
    /// take the cast form (<c>(global::E)1</c>), which is right for every value, named or not;
    /// floating-point values round-trip, with their special values by name.
    /// </summary>
    public static string? DefaultValue(ITypeSymbol type, object? value, SymbolDisplayFormat typeFormat)
    {
        ITypeSymbol underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            && nullable.TypeArguments.Length == 1
                ? nullable.TypeArguments[0]
                : type;

        if (value is null)
        {
            // `default` covers structs (CancellationToken token = default) and unconstrained T; the
            // user must have written `null!` or `default!` where the type is not nullable.
            if (!ReferenceEquals(underlying, type))
            {
                return "null";
            }

            if (type.IsValueType)
            {
                return "default";
            }

            string literal = type.IsReferenceType ? "null" : "default";
            return type.NullableAnnotation == NullableAnnotation.NotAnnotated ? literal + "!" : literal;
        }

        if (underlying.TypeKind == TypeKind.Enum)
        {
            string? number = Number(value);
            if (number is null)
            {
                return null;
            }

            return "(" + underlying.ToDisplayString(typeFormat) + ")" + (number.StartsWith("-", StringComparison.Ordinal) ? "(" + number + ")" : number);
        }

        return value switch
        {
            string text => SymbolDisplay.FormatLiteral(text, quote: true),
            char character => SymbolDisplay.FormatLiteral(character, quote: true),
            bool boolean => boolean ? "true" : "false",
            _ => Number(value),
        };
    }

    private static string? Number(object value) => value switch
    {
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        float f when float.IsNaN(f) => "float.NaN",
        float f when float.IsPositiveInfinity(f) => "float.PositiveInfinity",
        float f when float.IsNegativeInfinity(f) => "float.NegativeInfinity",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
        int or long or short or sbyte => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        uint or ulong or ushort or byte => Convert.ToUInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A name as C# source: <c>@class</c> for a keyword.</summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}

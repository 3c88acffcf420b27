using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Coro.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.Generators;

/// <summary>
/// Finds what a body yields that the runtime cannot recognise without reflection, so that the
/// wrapper registers its conversion (<c>Coro.CompilerServices.YieldConversions</c>) and a trimmed or
/// AOT-compiled program converts exactly what the JIT does. Two of CORO001's yieldable shapes need it,
/// and only when they reach the runtime boxed (the body's element type is <c>object</c>, so no
/// implicit conversion made them a <c>Future</c>): a <c>ValueTask&lt;T&gt;</c>, and an
/// <c>IReadOnlyDictionary&lt;TKey, TFuture&gt;</c> whose values are futures. Every other yieldable is
/// matched at run time by a type test.
/// </summary>
internal static class YieldConversionFinder
{
    /// <summary>Types as a type argument spells them (no nullable reference annotations, which
    /// change nothing at run time and would warn where annotations are off).</summary>
    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    public static EquatableArray<YieldConversion> Find(IMethodSymbol method, MethodDeclarationSyntax body, SemanticModel model, CancellationToken cancellationToken)
    {
        var found = new SortedSet<YieldConversion>();
        SyntaxNode? root = (SyntaxNode?)body.Body ?? body.ExpressionBody;
        if (root is null)
        {
            return default;
        }

        // An IEnumerable<Future> (or of a Future type) converts every yield to a Future: nothing reaches
        // the runtime boxed, and the body need not be bound (at every edit, for every coroutine).
        if (method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } iterator && IsFuture(iterator.TypeArguments[0]))
        {
            return new EquatableArray<YieldConversion>(found);
        }

        // The body's own yields: not those of lambdas or local functions inside it.
        foreach (YieldStatementSyntax yield in root
            .DescendantNodes(static node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .OfType<YieldStatementSyntax>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!yield.IsKind(SyntaxKind.YieldReturnStatement) || yield.Expression is null)
            {
                continue;
            }

            TypeInfo info = model.GetTypeInfo(yield.Expression, cancellationToken);
            if (info.Type is { } type && !IsFuture(info.ConvertedType))
            {
                Add(found, type);
            }
        }

        return new EquatableArray<YieldConversion>(found);
    }

    private static void Add(SortedSet<YieldConversion> found, ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0]; // a ValueTask<T>? is boxed as the ValueTask<T> it holds
        }

        if (type is INamedTypeSymbol { Name: "ValueTask", TypeArguments.Length: 1 } valueTask
            && IsInNamespace(valueTask, "System", "Threading", "Tasks")
            && CanName(valueTask.TypeArguments[0]))
        {
            found.Add(new YieldConversion("ValueTask", valueTask.TypeArguments[0].ToDisplayString(s_typeFormat)));
            return;
        }

        foreach (INamedTypeSymbol? candidate in new[] { type as INamedTypeSymbol }.Concat(type.AllInterfaces))
        {
            if (candidate is { Name: "IReadOnlyDictionary", TypeArguments.Length: 2 } dictionary
                && IsInNamespace(dictionary, "System", "Collections", "Generic")
                && IsFuture(dictionary.TypeArguments[1])
                && CanName(dictionary.TypeArguments[0]) && CanName(dictionary.TypeArguments[1]))
            {
                found.Add(new YieldConversion(
                    "Dictionary",
                    dictionary.TypeArguments[0].ToDisplayString(s_typeFormat) + ", " + dictionary.TypeArguments[1].ToDisplayString(s_typeFormat)));
            }
        }
    }

    /// <summary>Coro.Future or a type derived from it.</summary>
    private static bool IsFuture(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (current is INamedTypeSymbol { Name: "Future", Arity: 0 } && IsInNamespace(current, "Coro"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>False for a type the wrapper cannot spell: an error, an anonymous type, a pointer.</summary>
    private static bool CanName(ITypeSymbol type) => type switch
    {
        IErrorTypeSymbol or IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol => false,
        { IsAnonymousType: true } => false,
        IArrayTypeSymbol array => CanName(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.All(CanName),
        _ => true,
    };

    private static bool IsInNamespace(ISymbol symbol, params string[] names)
    {
        INamespaceSymbol? ns = symbol.ContainingNamespace;
        for (int i = names.Length - 1; i >= 0; i--)
        {
            if (ns is null || ns.Name != names[i])
            {
                return false;
            }

            ns = ns.ContainingNamespace;
        }

        return ns is { IsGlobalNamespace: true };
    }
}

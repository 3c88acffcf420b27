using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// CORO005: <c>Coroutine.Return(v)</c> in a [Coroutine] body where <c>v</c> does not convert to the
/// declared <c>TResult</c> (an implicit conversion that is not user-defined: the Runner converts the
/// boxed value), or in a <c>[Coroutine]</c> without a result type. The fix sets the attribute's type
/// argument to the type of <c>v</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CORO005ReturnTypeMismatchAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The type of the returned value, fully qualified, for the fix.</summary>
    internal const string ResultTypeProperty = "ResultType";

    /// <summary>Set when the type uses type parameters: C# forbids <c>[Coroutine&lt;T&gt;]</c> (CS8968), so
    /// the fix writes <c>[Coroutine(ResultType = "...")]</c> with the type as written in the method.</summary>
    internal const string ResultTypeAsStringProperty = "ResultTypeAsString";

    private static bool UsesTypeParameters(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        INamedTypeSymbol named => named.TypeArguments.Any(UsesTypeParameters) || (named.ContainingType is { } outer && UsesTypeParameters(outer)),
        IArrayTypeSymbol array => UsesTypeParameters(array.ElementType),
        _ => false,
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CORO005ReturnTypeMismatch);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CoroutineBody.RegisterBodyAction(context, static (block, symbols, method, body) =>
        {
            symbols.IsCoroutine(method, out ITypeSymbol? resultType, out _);
            if (resultType is { TypeKind: TypeKind.Error })
            {
                return;
            }

            foreach (IOperation operation in CoroutineBody.Operations(body))
            {
                if (operation is not IInvocationOperation { TargetMethod.TypeArguments.Length: 1 } invocation
                    || !CoroutineBody.IsCoroutineReturn(invocation, symbols))
                {
                    continue;
                }

                ITypeSymbol valueType = invocation.TargetMethod.TypeArguments[0];
                if (valueType.TypeKind == TypeKind.Error)
                {
                    continue;
                }

                string message;
                string suggestion = UsesTypeParameters(valueType)
                    ? $"[Coroutine(ResultType = \"{valueType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}\")]"
                    : $"[Coroutine<{valueType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}>]";
                if (resultType is null)
                {
                    message = $"Coroutine.Return gives a result, but '{method.Name}' is a [Coroutine] without one; use {suggestion}";
                }
                else
                {
                    CommonConversion conversion = block.Compilation.ClassifyCommonConversion(valueType, resultType);
                    if (conversion.IsImplicit && !conversion.IsUserDefined)
                    {
                        continue;
                    }

                    message = $"Coroutine.Return value of type '{valueType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' does not convert to the result type '{resultType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}' of '{method.Name}'";
                }

                ImmutableDictionary<string, string?> properties = valueType.IsAnonymousType || valueType.TypeKind == TypeKind.Error
                    ? ImmutableDictionary<string, string?>.Empty
                    : UsesTypeParameters(valueType)
                        ? ImmutableDictionary<string, string?>.Empty
                            .Add(ResultTypeProperty, valueType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))
                            .Add(ResultTypeAsStringProperty, "true")
                        : ImmutableDictionary<string, string?>.Empty.Add(ResultTypeProperty, valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                block.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CORO005ReturnTypeMismatch, invocation.Syntax.GetLocation(), properties, message));
            }
        });
    }
}

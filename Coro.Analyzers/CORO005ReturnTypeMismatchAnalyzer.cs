using System.Collections.Immutable;
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
                if (resultType is null)
                {
                    message = $"Coroutine.Return gives a result, but '{method.Name}' is a [Coroutine] without one; use [Coroutine<{valueType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}>]";
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
                    : ImmutableDictionary<string, string?>.Empty.Add(ResultTypeProperty, valueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                block.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CORO005ReturnTypeMismatch, invocation.Syntax.GetLocation(), properties, message));
            }
        });
    }
}

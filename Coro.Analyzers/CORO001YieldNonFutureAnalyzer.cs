using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// CORO001: a [Coroutine] body yields a value whose static type the Runner does not accept
/// (docs/design.md, "What a coroutine may yield"). The code fix wraps the value in <c>Coroutine.Return(...)</c> when it converts to
/// the coroutine's result type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CORO001YieldNonFutureAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Set when the value converts to the result type: the fix wraps it in Coroutine.Return.</summary>
    internal const string CanWrapInReturnProperty = "CanWrapInReturn";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CORO001YieldNonFuture);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CoroutineBody.RegisterBodyAction(context, static (block, symbols, method, body) =>
        {
            symbols.IsCoroutine(method, out ITypeSymbol? resultType, out _);
            foreach (IOperation operation in CoroutineBody.Operations(body))
            {
                if (operation is not IReturnOperation { Kind: OperationKind.YieldReturn, ReturnedValue: { } returned })
                {
                    continue;
                }

                IOperation? value = CoroutineBody.StripConversions(returned);
                ITypeSymbol? type = value?.Type;
                if (value is null || type is null || symbols.IsYieldable(type))
                {
                    continue;
                }

                ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
                if (resultType is not null && resultType.TypeKind != TypeKind.Error)
                {
                    CommonConversion conversion = block.Compilation.ClassifyCommonConversion(type, resultType);
                    if (conversion.IsImplicit && !conversion.IsUserDefined)
                    {
                        properties = properties.Add(CanWrapInReturnProperty, "true");
                    }
                }

                block.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CORO001YieldNonFuture,
                    value.Syntax.GetLocation(),
                    properties,
                    type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        });
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// CORO003: a [Coroutine] body reads <c>f.Result</c> (or <c>f.GetAwaiter().GetResult()</c>, also on a
/// plain <c>Future</c>) of a local future that it has not yielded on every path to the read, so the future
/// may still be pending and <c>Result</c> would throw. The fix inserts <c>yield return f;</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CORO003ResultBeforeYieldAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The name of the local to yield; set when a statement can be inserted before the read.</summary>
    internal const string YieldVariableProperty = "YieldVariable";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CORO003ResultBeforeYield);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CoroutineBody.RegisterBodyAction(context, static (block, symbols, method, body) =>
        {
            var reads = ResultRead.Find(body, symbols.IsFuture);
            reads.RemoveAll(read => read.Receiver is not ILocalReferenceOperation);
            if (reads.Count == 0)
            {
                return;
            }

            YieldFlow? flow = ResultRead.Flow(block, body, symbols);
            foreach (ResultRead read in reads)
            {
                if (flow is not null && flow.IsDoneAt(read.Receiver.Syntax))
                {
                    continue;
                }

                block.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.CORO003ResultBeforeYield,
                    read.Read.Syntax.GetLocation(),
                    YieldFixProperties(read),
                    read.Variable!.Name));
            }
        });
    }

    /// <summary>Properties for the "insert <c>yield return x;</c>" fix, if it applies.</summary>
    internal static ImmutableDictionary<string, string?> YieldFixProperties(ResultRead read)
    {
        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        if (read.Variable is { } variable && read.Receiver.Syntax is IdentifierNameSyntax
            && CoroutineBody.InsertableStatement(read.Read.Syntax) is { } statement
            && statement is not LocalDeclarationStatementSyntax { UsingKeyword.RawKind: > 0 }
            && !DeclaredIn(statement, variable))
        {
            properties = properties.Add(YieldVariableProperty, variable.Name);
        }

        return properties;
    }

    // `var f = ...; ` cannot be preceded by `yield return f;`.
    private static bool DeclaredIn(StatementSyntax statement, ISymbol variable)
    {
        foreach (SyntaxReference reference in variable.DeclaringSyntaxReferences)
        {
            if (statement.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }
}

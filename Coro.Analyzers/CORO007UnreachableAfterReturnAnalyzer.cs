using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Analyzers;

/// <summary>
/// CORO007: statements after <c>yield return Coroutine.Return(...)</c> in the same block never run:
/// the Runner finishes the coroutine there and disposes the body. Local function declarations are
/// not statements that run and are left alone; a block with a label after the return is skipped
/// (a <c>goto</c> could reach it); the final jump of a switch section stays (C# needs it); a
/// <c>yield break;</c> right after the return is the habitual way to end there and is left alone
/// (what follows it is reported). The fix removes the statements.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CORO007UnreachableAfterReturnAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CORO007UnreachableAfterReturn);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CoroutineBody.RegisterBodyAction(context, static (block, symbols, method, body) =>
        {
            foreach (IOperation operation in CoroutineBody.Operations(body))
            {
                if (operation is IReturnOperation { Kind: OperationKind.YieldReturn } yield
                    && CoroutineBody.IsCoroutineReturn(yield.ReturnedValue, symbols)
                    && yield.Syntax is YieldStatementSyntax statement
                    && Unreachable(statement) is { Count: > 0 } after)
                {
                    TextSpan span = TextSpan.FromBounds(after[0].SpanStart, after[after.Count - 1].Span.End);
                    block.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.CORO007UnreachableAfterReturn,
                        Location.Create(statement.SyntaxTree, span)));
                }
            }
        });
    }

    /// <summary>The statements after <paramref name="statement"/> in its block that never run.</summary>
    internal static List<StatementSyntax>? Unreachable(StatementSyntax statement)
    {
        SyntaxList<StatementSyntax> statements = statement.Parent switch
        {
            BlockSyntax block => block.Statements,
            SwitchSectionSyntax section => section.Statements,
            _ => default,
        };

        int index = statements.IndexOf(statement);
        if (index < 0)
        {
            return null;
        }

        // A switch section must not fall through: its final jump stays, though it never runs.
        int end = statements.Count;
        if (statement.Parent is SwitchSectionSyntax
            && statements.Last() is BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax
                or ReturnStatementSyntax or ThrowStatementSyntax or YieldStatementSyntax)
        {
            end--;
        }

        int start = index + 1;
        if (start < end && statements[start] is YieldStatementSyntax { RawKind: (int)SyntaxKind.YieldBreakStatement })
        {
            start++; // `yield return Coroutine.Return(x); yield break;` says "done here" twice, harmlessly
        }

        var after = new List<StatementSyntax>();
        for (int i = start; i < end; i++)
        {
            switch (statements[i])
            {
                case LabeledStatementSyntax:
                    return null; // a goto may jump here
                case LocalFunctionStatementSyntax:
                    continue; // a declaration, not a statement that runs
                default:
                    after.Add(statements[i]);
                    break;
            }
        }

        return after;
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Coro.CodeFixes;

/// <summary>CORO003: inserts <c>yield return f;</c> before the statement that reads <c>f.Result</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO003ResultBeforeYieldCodeFix)), Shared]
public sealed class CORO003ResultBeforeYieldCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO003");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => YieldInserter.FixAll;

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (YieldInserter.CanFix(diagnostic))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        YieldInserter.Title,
                        ct => YieldInserter.InsertAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                        equivalenceKey: YieldInserter.Title),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }
}

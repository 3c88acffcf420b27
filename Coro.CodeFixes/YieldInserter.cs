using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coro.CodeFixes;

/// <summary>
/// Inserts <c>yield return x;</c> before the statement that reads <c>x.Result</c> (CORO003, and
/// CORO002 for tasks). Fix All inserts each variable once per statement.
/// </summary>
internal static class YieldInserter
{
    public const string Title = "Yield it before reading its result";

    /// <summary>Fix All: one edit per document, so several reads in one statement do not collide.</summary>
    public static FixAllProvider FixAll { get; } = FixAllProvider.Create(
        async (context, document, diagnostics) => await InsertAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    public static bool CanFix(Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(CORO003ResultBeforeYieldAnalyzer.YieldVariableProperty, out string? name) && name is not null;

    public static async Task<Document> InsertAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        return AddInsertions(editor, diagnostics) ? editor.GetChangedDocument() : document;
    }

    /// <summary>Adds the insertions for the diagnostics that carry a variable to yield; false if none.</summary>
    public static bool AddInsertions(DocumentEditor editor, IEnumerable<Diagnostic> diagnostics)
    {
        SyntaxNode root = editor.OriginalRoot;
        var byStatement = new Dictionary<StatementSyntax, List<string>>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(CORO003ResultBeforeYieldAnalyzer.YieldVariableProperty, out string? name) || name is null
                || !root.FullSpan.Contains(diagnostic.Location.SourceSpan))
            {
                continue;
            }

            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax or SwitchSectionSyntax } statement)
            {
                continue;
            }

            if (!byStatement.TryGetValue(statement, out List<string>? names))
            {
                byStatement[statement] = names = new List<string>();
            }

            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        foreach (KeyValuePair<StatementSyntax, List<string>> pair in byStatement)
        {
            editor.InsertBefore(pair.Key, pair.Value.Select(name => Syntax.YieldReturn(IdentifierName(name))));
        }

        return byStatement.Count > 0;
    }
}

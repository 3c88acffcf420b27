using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Coro.CodeFixes;

/// <summary>CORO007: removes the statements after <c>yield return Coroutine.Return(...)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO007UnreachableAfterReturnCodeFix)), Shared]
public sealed class CORO007UnreachableAfterReturnCodeFix : CodeFixProvider
{
    private const string Title = "Remove the statements that never run";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO007");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is not null && Statements(root, diagnostic) is { Count: > 0 })
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => RemoveAsync(context.Document, diagnostic, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    /// <summary>The statements in the diagnostic's span, local functions excepted.</summary>
    private static List<StatementSyntax>? Statements(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<StatementSyntax>(
                s => s.Parent is BlockSyntax or SwitchSectionSyntax) is not { } first)
        {
            return null;
        }

        SyntaxList<StatementSyntax> statements = first.Parent is BlockSyntax block ? block.Statements : ((SwitchSectionSyntax)first.Parent!).Statements;
        var result = new List<StatementSyntax>();
        foreach (StatementSyntax statement in statements)
        {
            if (diagnostic.Location.SourceSpan.Contains(statement.Span) && statement is not LocalFunctionStatementSyntax)
            {
                result.Add(statement);
            }
        }

        return result;
    }

    private static async Task<Document> RemoveAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || Statements(root, diagnostic) is not { Count: > 0 } statements)
        {
            return document;
        }

        SyntaxNode? changed = root.RemoveNodes(statements, SyntaxRemoveOptions.KeepNoTrivia);
        return changed is null ? document : document.WithSyntaxRoot(changed);
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coro.CodeFixes;

/// <summary>CORO006: yields the discarded future; calls <c>&lt;Name&gt;Async</c> instead of the body.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO006DiscardedFutureCodeFix)), Shared]
public sealed class CORO006DiscardedFutureCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO006");

    /// <summary>
    /// Fixes every CORO006 that has a fix and skips the others, whatever equivalence key it is asked
    /// for. <c>dotnet format</c> takes the key from the first CORO006 of the solution; when that one
    /// has no fix (a group nobody yields, a future discarded outside a coroutine) the key is null, and
    /// the batch fixer, which keeps only the actions of that key, would fix nothing.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Find(root, diagnostic) is not { } fix)
            {
                continue;
            }

            string title = fix.Kind == CORO006DiscardedFutureAnalyzer.YieldFix ? "Yield the future" : $"Call '{fix.Wrapper}'";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: "CORO006"),
                diagnostic);
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // The editor lets a fix inside another (a body call in the argument of a discarded wrapper) see the other's result.
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (Find(root, diagnostic) is { } fix)
            {
                Apply(editor, fix);
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary>What the analyzer says can be fixed at <paramref name="diagnostic"/>, if the syntax is still as it saw it.</summary>
    private static Fix? Find(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(CORO006DiscardedFutureAnalyzer.FixProperty, out string? kind)
            || kind is null
            || !root.FullSpan.Contains(diagnostic.Location.SourceSpan)
            || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(CORO006DiscardedFutureAnalyzer.WrapperNameProperty, out string? wrapper);
        bool renames = kind != CORO006DiscardedFutureAnalyzer.YieldFix;
        bool yields = kind != CORO006DiscardedFutureAnalyzer.CallWrapperFix;
        if ((renames && (wrapper is null || Rename(invocation, wrapper) is null))
            || (yields && invocation.Parent is not ExpressionStatementSyntax))
        {
            return null;
        }

        return new Fix(invocation, kind, renames ? wrapper : null, yields);
    }

    private static void Apply(DocumentEditor editor, Fix fix)
    {
        if (!fix.Yields)
        {
            editor.ReplaceNode(fix.Invocation, (current, _) => Rename((InvocationExpressionSyntax)current, fix.Wrapper!) ?? current);
            return;
        }

        editor.ReplaceNode(fix.Invocation.Parent!, (current, _) =>
        {
            var statement = (ExpressionStatementSyntax)current;
            ExpressionSyntax call = fix.Wrapper is not null && statement.Expression is InvocationExpressionSyntax invocation
                ? Rename(invocation, fix.Wrapper) ?? invocation
                : statement.Expression;
            return Syntax.YieldReturn(call).WithTriviaFrom(statement);
        });
    }

    private static InvocationExpressionSyntax? Rename(InvocationExpressionSyntax invocation, string name)
    {
        ExpressionSyntax? expression = invocation.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.WithIdentifier(Identifier(name).WithTriviaFrom(identifier.Identifier)),
            GenericNameSyntax generic => generic.WithIdentifier(Identifier(name).WithTriviaFrom(generic.Identifier)),
            MemberAccessExpressionSyntax access => access.WithName(access.Name is GenericNameSyntax g
                ? g.WithIdentifier(Identifier(name))
                : IdentifierName(name)),
            _ => null,
        };
        return expression is null ? null : invocation.WithExpression(expression);
    }

    /// <summary>One fix the analyzer allowed: the call, the wrapper to call instead (or null to keep
    /// the call), and whether its statement becomes <c>yield return</c>.</summary>
    private sealed class Fix(InvocationExpressionSyntax invocation, string kind, string? wrapper, bool yields)
    {
        public InvocationExpressionSyntax Invocation { get; } = invocation;

        public string Kind { get; } = kind;

        public string? Wrapper { get; } = wrapper;

        public bool Yields { get; } = yields;
    }
}

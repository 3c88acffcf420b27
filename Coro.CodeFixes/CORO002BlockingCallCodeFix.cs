using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coro.CodeFixes;

/// <summary>
/// CORO002: <c>Thread.Sleep(x);</c> → <c>yield return Coroutine.Sleep(x);</c>; <c>task.Wait();</c> →
/// <c>yield return task;</c>; a call with an <c>Async</c> twin → yield the twin, then read its result;
/// <c>task.Result</c> → insert <c>yield return task;</c> before the statement.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CORO002BlockingCallCodeFix)), Shared]
public sealed class CORO002BlockingCallCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("CORO002");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(
        async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            string? title = Title(diagnostic);
            if (title is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixAsync(context.Document, ImmutableArray.Create(diagnostic), ct), equivalenceKey: "CORO002"),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static string? Title(Diagnostic diagnostic)
    {
        if (YieldInserter.CanFix(diagnostic))
        {
            return "Yield the task before reading its result";
        }

        diagnostic.Properties.TryGetValue(CORO002BlockingCallAnalyzer.FixProperty, out string? fix);
        return fix switch
        {
            CORO002BlockingCallAnalyzer.SleepFix => "Use yield return Coroutine.Sleep(...)",
            CORO002BlockingCallAnalyzer.YieldReceiverFix => "Yield the task instead of waiting",
            CORO002BlockingCallAnalyzer.TwinFix => "Yield the asynchronous version and read its result",
            _ => null,
        };
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        SyntaxNode root = editor.OriginalRoot;
        bool changed = YieldInserter.AddInsertions(editor, diagnostics);
        var done = new HashSet<StatementSyntax>();
        foreach (Diagnostic diagnostic in diagnostics)
        {
            if (!root.FullSpan.Contains(diagnostic.Location.SourceSpan)
                || !diagnostic.Properties.TryGetValue(CORO002BlockingCallAnalyzer.FixProperty, out string? fix)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || invocation.FirstAncestorOrSelf<StatementSyntax>() is not { } statement
                || !done.Add(statement))
            {
                continue;
            }

            IEnumerable<StatementSyntax>? replacement = fix switch
            {
                CORO002BlockingCallAnalyzer.SleepFix => Sleep(invocation, diagnostic.Properties.ContainsKey(CORO002BlockingCallAnalyzer.MillisecondsProperty)),
                CORO002BlockingCallAnalyzer.YieldReceiverFix => invocation.Expression is MemberAccessExpressionSyntax access
                    ? new[] { Syntax.YieldReturn(access.Expression) }
                    : null,
                CORO002BlockingCallAnalyzer.TwinFix => Twin(statement, invocation, diagnostic.Properties, editor.SemanticModel),
                _ => null,
            };

            if (replacement is not null)
            {
                var list = new List<StatementSyntax>(replacement);
                list[0] = list[0].WithLeadingTrivia(statement.GetLeadingTrivia());
                list[list.Count - 1] = list[list.Count - 1].WithTrailingTrivia(statement.GetTrailingTrivia());
                if (list.Count > 1)
                {
                    editor.InsertBefore(statement, list.GetRange(0, list.Count - 1));
                }

                editor.ReplaceNode(statement, list[list.Count - 1]);
                changed = true;
            }
        }

        return changed ? editor.GetChangedDocument() : document;
    }

    private static IEnumerable<StatementSyntax>? Sleep(InvocationExpressionSyntax invocation, bool milliseconds)
    {
        if (invocation.ArgumentList.Arguments.Count != 1)
        {
            return null;
        }

        ExpressionSyntax delay = invocation.ArgumentList.Arguments[0].Expression.WithoutTrivia();
        if (milliseconds)
        {
            delay = InvocationExpression(
                MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    ParseExpression("global::System.TimeSpan").WithAdditionalAnnotations(Microsoft.CodeAnalysis.Simplification.Simplifier.Annotation),
                    IdentifierName("FromMilliseconds")),
                ArgumentList(SingletonSeparatedList(Argument(delay))));
        }

        return new[] { Syntax.YieldReturn(Syntax.InvokeCoroutineMember("Sleep", delay)) };
    }

    private static IEnumerable<StatementSyntax>? Twin(
        StatementSyntax statement, InvocationExpressionSyntax invocation, ImmutableDictionary<string, string?> properties, SemanticModel model)
    {
        if (!properties.TryGetValue(CORO002BlockingCallAnalyzer.TwinNameProperty, out string? twinName) || twinName is null
            || Rename(invocation, twinName) is not { } twinCall)
        {
            return null;
        }

        if (statement is ExpressionStatementSyntax)
        {
            return new[] { Syntax.YieldReturn(twinCall) };
        }

        if (statement is not LocalDeclarationStatementSyntax { Declaration: { Variables.Count: 1 } declaration }
            || !properties.ContainsKey(CORO002BlockingCallAnalyzer.TwinHasResultProperty))
        {
            return null;
        }

        VariableDeclaratorSyntax variable = declaration.Variables[0];
        string futureName = FreeName(model, statement.SpanStart, variable.Identifier.ValueText + "Future");
        properties.TryGetValue(CORO002BlockingCallAnalyzer.TwinKindProperty, out string? kind);
        ExpressionSyntax future = kind switch
        {
            "Task" => InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Syntax.CoroType("Future"), IdentifierName("FromTask")),
                ArgumentList(SingletonSeparatedList(Argument(twinCall)))),
            "ValueTask" => InvocationExpression(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Syntax.CoroType("Future"), IdentifierName("FromValueTask")),
                ArgumentList(SingletonSeparatedList(Argument(twinCall)))),
            _ => twinCall,
        };

        return new StatementSyntax[]
        {
            LocalDeclarationStatement(VariableDeclaration(
                IdentifierName("var"),
                SingletonSeparatedList(VariableDeclarator(futureName).WithInitializer(EqualsValueClause(future))))).WithAdditionalAnnotations(Formatter.Annotation),
            Syntax.YieldReturn(IdentifierName(futureName)),
            LocalDeclarationStatement(declaration.WithVariables(SingletonSeparatedList(variable.WithInitializer(EqualsValueClause(
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(futureName), IdentifierName("Result")))))))
                .WithAdditionalAnnotations(Formatter.Annotation),
        };
    }

    /// <summary><paramref name="name"/>, or name2, name3, ... if it is taken at <paramref name="position"/>.</summary>
    private static string FreeName(SemanticModel model, int position, string name)
    {
        string candidate = name;
        for (int i = 2; !model.LookupSymbols(position, name: candidate).IsEmpty && i < 100; i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    private static ExpressionSyntax? Rename(InvocationExpressionSyntax invocation, string name)
    {
        ExpressionSyntax? expression = invocation.Expression switch
        {
            IdentifierNameSyntax identifier => identifier.WithIdentifier(Identifier(name)),
            GenericNameSyntax generic => generic.WithIdentifier(Identifier(name)),
            MemberAccessExpressionSyntax access => access.WithName(access.Name is GenericNameSyntax g
                ? g.WithIdentifier(Identifier(name))
                : IdentifierName(name)),
            _ => null,
        };
        return expression is null ? null : invocation.WithExpression(expression).WithoutTrivia();
    }
}

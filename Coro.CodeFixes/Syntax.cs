using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Coro.CodeFixes;

/// <summary>Syntax the fixes build: fully qualified, then simplified to what the file's usings allow.</summary>
internal static class Syntax
{
    /// <summary><c>global::Coro.&lt;type&gt;</c>, marked for simplification.</summary>
    public static ExpressionSyntax CoroType(string name) =>
        ParseExpression("global::Coro." + name).WithAdditionalAnnotations(Simplifier.Annotation);

    /// <summary><c>Coroutine.&lt;member&gt;(arguments)</c>.</summary>
    public static InvocationExpressionSyntax InvokeCoroutineMember(string member, params ExpressionSyntax[] arguments) =>
        InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, CoroType("Coroutine"), IdentifierName(member)),
            ArgumentList(SeparatedList(System.Linq.Enumerable.Select(arguments, Argument))));

    /// <summary><c>yield return value;</c>, formatted.</summary>
    public static StatementSyntax YieldReturn(ExpressionSyntax value) =>
        YieldStatement(SyntaxKind.YieldReturnStatement, value.WithoutTrivia()).WithAdditionalAnnotations(Formatter.Annotation);
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// Helpers shared by the rules that look inside a [Coroutine] body. The body is the iterator
/// itself: lambdas and local functions inside it are not part of it (they run on their own terms).
/// </summary>
internal static class CoroutineBody
{
    /// <summary>Registers <paramref name="action"/> for every [Coroutine] body in the compilation.
    /// The caller enables concurrent execution and turns off generated-code analysis first.</summary>
    public static void RegisterBodyAction(
        AnalysisContext context,
        System.Action<OperationBlockAnalysisContext, CoroSymbols, IMethodSymbol, IOperation> action)
    {
        context.RegisterCompilationStartAction(start =>
        {
            CoroSymbols? symbols = CoroSymbols.Create(start.Compilation);
            if (symbols is not null)
            {
                RegisterBodyAction(start, symbols, action);
            }
        });
    }

    /// <summary>Registers <paramref name="action"/> for every [Coroutine] body, from a compilation
    /// start action that resolves more than <paramref name="symbols"/> once per compilation.</summary>
    public static void RegisterBodyAction(
        CompilationStartAnalysisContext start,
        CoroSymbols symbols,
        System.Action<OperationBlockAnalysisContext, CoroSymbols, IMethodSymbol, IOperation> action)
    {
        start.RegisterOperationBlockAction(block =>
        {
            if (block.OwningSymbol is not IMethodSymbol method || !symbols.IsCoroutine(method))
            {
                return;
            }

            foreach (IOperation operation in block.OperationBlocks)
            {
                if (operation is IMethodBodyOperation or IBlockOperation)
                {
                    action(block, symbols, method, operation);
                }
            }
        });
    }

    /// <summary>The operations of the body, in source order, without lambdas and local functions.</summary>
    public static IEnumerable<IOperation> Operations(IOperation root)
    {
        var stack = new Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            yield return current;
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }

            var children = new List<IOperation>();
            foreach (IOperation child in current.ChildOperations)
            {
                if (child is not null)
                {
                    children.Add(child);
                }
            }

            for (int i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>Strips the implicit conversions the compiler adds (to Future, to object).</summary>
    public static IOperation? StripConversions(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        while (operation is IParenthesizedOperation parenthesized)
        {
            operation = parenthesized.Operand;
        }

        return operation;
    }

    /// <summary>
    /// True if the operation sits in the body itself rather than in a lambda or local function
    /// inside it (for analyzers that look at operations one at a time).
    /// </summary>
    public static bool IsDirectlyInBody(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The statement of <paramref name="node"/> if statements can be inserted before it: it is a
    /// statement of a block or a switch section.
    /// </summary>
    public static StatementSyntax? InsertableStatement(SyntaxNode? node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return null;
            }

            if (current is StatementSyntax statement)
            {
                return statement.Parent is BlockSyntax or SwitchSectionSyntax && CanYieldAt(statement) ? statement : null;
            }
        }

        return null;
    }

    /// <summary>C# forbids <c>yield return</c> in a catch or finally block and in a try block with a catch.</summary>
    private static bool CanYieldAt(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case CatchClauseSyntax or FinallyClauseSyntax:
                    return false;
                case BlockSyntax block when block.Parent is TryStatementSyntax { Catches.Count: > 0 } @try && @try.Block == block:
                    return false;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return true;
            }
        }

        return true;
    }

    /// <summary>True if the invocation is <c>Coroutine.Return(value)</c>.</summary>
    public static bool IsCoroutineReturn(IOperation? operation, CoroSymbols symbols) =>
        StripConversions(operation) is IInvocationOperation invocation
        && invocation.TargetMethod.Name == "Return"
        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, symbols.Coroutine);
}

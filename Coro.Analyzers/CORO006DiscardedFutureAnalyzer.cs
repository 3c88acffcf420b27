using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// CORO006, anywhere in the code: the Future of a coroutine wrapper (<c>&lt;Name&gt;Async</c> next to a
/// [Coroutine] <c>&lt;Name&gt;</c>) is discarded by an expression statement, so its failure is lost; or a
/// [Coroutine] body is called directly instead of its wrapper (it would not run as a coroutine).
/// Passing a body to <c>Coroutine.Start</c> is the legitimate way to run it without the wrapper.
/// Inside a coroutine body the fix yields the future (and calls the wrapper).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CORO006DiscardedFutureAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The fix: <see cref="YieldFix"/>, <see cref="CallWrapperFix"/> or <see cref="CallWrapperAndYieldFix"/>.</summary>
    internal const string FixProperty = "Fix";

    /// <summary><c>MAsync();</c> → <c>yield return MAsync();</c></summary>
    internal const string YieldFix = "Yield";

    /// <summary><c>yield return M();</c> or <c>Future.All(M())</c> → the same with <c>MAsync()</c>.</summary>
    internal const string CallWrapperFix = "CallWrapper";

    /// <summary><c>M();</c> → <c>yield return MAsync();</c></summary>
    internal const string CallWrapperAndYieldFix = "CallWrapperAndYield";

    /// <summary>The wrapper's name, for the fixes that call it.</summary>
    internal const string WrapperNameProperty = "WrapperName";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CORO006DiscardedFuture);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            CoroSymbols? symbols = CoroSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            start.RegisterOperationAction(c => AnalyzeStatement(c, symbols), OperationKind.ExpressionStatement);
            start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols), OperationKind.Invocation);
            if (symbols.CoroutineGroup is not null)
            {
                start.RegisterOperationBlockAction(c => AnalyzeGroups(c, symbols));
            }
        });
    }

    /// <summary>
    /// A [Coroutine] body that creates a <c>CoroutineGroup</c> in a local and never lets it be
    /// waited on: a group completes only once waited on, so its children's failures would be lost.
    /// Only adding, cancelling, disposing and asking whether it is done leave it unwaited; any other
    /// use (yielding it, passing it on, capturing it) might wait on it and is not reported.
    /// </summary>
    private static void AnalyzeGroups(OperationBlockAnalysisContext context, CoroSymbols symbols)
    {
        if (context.OwningSymbol is not IMethodSymbol method || !symbols.IsCoroutine(method))
        {
            return;
        }

        foreach (IOperation root in context.OperationBlocks)
        {
            if (root is not (IMethodBodyOperation or IBlockOperation))
            {
                continue;
            }

            foreach (IOperation operation in CoroutineBody.Operations(root))
            {
                if (operation is IVariableDeclaratorOperation { Symbol: { } local } declarator
                    && CoroutineBody.StripConversions(declarator.GetVariableInitializer()?.Value) is IObjectCreationOperation creation
                    && symbols.IsCoroutineGroup(creation.Type)
                    && !MayBeWaitedOn(root, local))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.CORO006DiscardedFuture,
                        creation.Syntax.GetLocation(),
                        $"The CoroutineGroup '{local.Name}' is never yielded, so it never completes and its children's failures would be lost; yield return it after adding its children"));
                }
            }
        }
    }

    private static bool MayBeWaitedOn(IOperation root, ILocalSymbol group)
    {
        // Descendants, lambdas included: a lambda that captures the group may wait on it.
        foreach (IOperation operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, group)
                && !LeavesUnwaited(reference))
            {
                return true;
            }
        }

        return false;
    }

    private static bool LeavesUnwaited(ILocalReferenceOperation reference) => reference.Parent switch
    {
        IInvocationOperation invocation => invocation.Instance == reference && invocation.TargetMethod.Name is "Add" or "Cancel" or "Dispose",
        IPropertyReferenceOperation property => property.Instance == reference && property.Property.Name is "IsDone" or "IsFaulted" or "IsCanceled",
        _ => false,
    };

    private static void AnalyzeStatement(OperationAnalysisContext context, CoroSymbols symbols)
    {
        var statement = (IExpressionStatementOperation)context.Operation;
        // Implicit statements included: `() => MAsync()` as an Action and `void M() => MAsync();` discard too.
        if (CoroutineBody.StripConversions(statement.Operation) is not IInvocationOperation invocation
            || !symbols.IsCoroutineWrapper(invocation.TargetMethod))
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty;
        if (CanYieldHere(context, symbols, statement))
        {
            properties = properties.Add(FixProperty, YieldFix);
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.CORO006DiscardedFuture,
            invocation.Syntax.GetLocation(),
            properties,
            $"The Future of '{invocation.TargetMethod.Name}' is discarded, so its failure would be lost; yield it or keep it"));
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, CoroSymbols symbols)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol target = invocation.TargetMethod;
        if (!symbols.IsCoroutine(target) || IsStartedByCoroutineStart(invocation, symbols))
        {
            return;
        }

        string wrapperName = target.Name + "Async";
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (HasWrapper(target))
        {
            IOperation? parent = invocation.Parent;
            while (parent is IConversionOperation)
            {
                parent = parent.Parent;
            }

            if ((parent is IReturnOperation { Kind: OperationKind.YieldReturn } && IsDirectlyInCoroutine(context, symbols, invocation))
                || IsOnlyArgumentOfAllOrAny(parent, symbols))
            {
                properties = properties.Add(FixProperty, CallWrapperFix).Add(WrapperNameProperty, wrapperName);
            }
            else if (parent is IExpressionStatementOperation statement && CanYieldHere(context, symbols, statement))
            {
                properties = properties.Add(FixProperty, CallWrapperAndYieldFix).Add(WrapperNameProperty, wrapperName);
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.CORO006DiscardedFuture,
            invocation.Syntax.GetLocation(),
            properties,
            $"'{target.Name}' is the body of a coroutine: calling it directly does not run it as one; call '{wrapperName}' (or pass the body to Coroutine.Start)"));
    }

    /// <summary>
    /// <c>Future.All(M())</c> or <c>Future.Any(M())</c>: the body's iterator is the sequence of futures;
    /// its wrapper's one future binds to the <c>params Future[]</c> overload in its place.
    /// </summary>
    private static bool IsOnlyArgumentOfAllOrAny(IOperation? parent, CoroSymbols symbols) =>
        parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "All" or "Any", IsStatic: true, IsGenericMethod: false } method } call }
        && call.Arguments.Length == 1
        && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Future);

    private static bool HasWrapper(IMethodSymbol body)
    {
        foreach (ISymbol member in body.ContainingType.GetMembers(body.Name + "Async"))
        {
            if (member is IMethodSymbol wrapper && CoroutineShape.IsGeneratedWrapper(wrapper, body))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True if the body's iterator flows into <c>Coroutine.Start(...)</c>.</summary>
    private static bool IsStartedByCoroutineStart(IOperation operation, CoroSymbols symbols)
    {
        for (IOperation? current = operation.Parent; current is not null and not IBlockOperation; current = current.Parent)
        {
            if (current is IInvocationOperation { TargetMethod.Name: "Start" } start
                && SymbolEqualityComparer.Default.Equals(start.TargetMethod.ContainingType, symbols.Coroutine))
            {
                return true;
            }

            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsDirectlyInCoroutine(OperationAnalysisContext context, CoroSymbols symbols, IOperation operation) =>
        context.ContainingSymbol is IMethodSymbol method && symbols.IsCoroutine(method) && CoroutineBody.IsDirectlyInBody(operation);

    private static bool CanYieldHere(OperationAnalysisContext context, CoroSymbols symbols, IExpressionStatementOperation statement) =>
        IsDirectlyInCoroutine(context, symbols, statement)
        && statement.Syntax is ExpressionStatementSyntax syntax
        && CoroutineBody.InsertableStatement(syntax) == syntax;
}

using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// Which locals and parameters a [Coroutine] body has certainly yielded (so they are done) at
/// each read. A forward "must" data flow over the body's <see cref="ControlFlowGraph"/>:
/// <list type="bullet">
/// <item><c>yield return x;</c> (also <c>x.Settled()</c>, <c>x.WithTimeout(..)</c>,
/// <c>Future.All(.., x, ..)</c>, <c>Future.Gather(.., x, ..)</c>, <c>new[] { .., x, .. }</c>, <c>Future.FromTask(x)</c>) marks <c>x</c> done;</item>
/// <item>a read of <c>x.Result</c> or <c>x.GetAwaiter().GetResult()</c> marks it done for what follows
/// (it either threw or the value was there), and so does the branch where <c>x.IsDone</c> is true;</item>
/// <item>assigning <c>x</c> (also through <c>ref</c>/<c>out</c> or deconstruction) forgets it;</item>
/// <item>where paths meet, only what is done on every path stays done (loops included);</item>
/// <item>a <c>CoroutineGroup</c> is a future like any other, and yielding it also marks done the
/// locals it was given (<c>g.Add(x)</c>, <c>x = g.Add(...)</c>): a group is done only once every child
/// has ended. Which locals are a group's children is decided for the whole body, not per path.</item>
/// </list>
/// Nothing is tracked through fields, captured variables written by lambdas, or aliases.
/// </summary>
internal sealed class YieldFlow
{
    private readonly HashSet<SyntaxNode> _done = new();
    private readonly HashSet<SyntaxNode> _notDone = new();

    private YieldFlow()
    {
    }

    /// <summary>
    /// True if <paramref name="reference"/> (the syntax of a local or parameter reference) reads a
    /// variable that is done on every path to it.
    /// </summary>
    public bool IsDoneAt(SyntaxNode reference) => _done.Contains(reference) && !_notDone.Contains(reference);

    /// <summary>Runs the analysis over the body's control flow graph.</summary>
    public static YieldFlow Analyze(ControlFlowGraph graph, CoroSymbols symbols)
    {
        var flow = new YieldFlow();
        ImmutableArray<BasicBlock> blocks = graph.Blocks;
        Dictionary<ISymbol, List<ISymbol>> children = GroupChildren(blocks, symbols);
        var outStates = new ImmutableHashSet<ISymbol>?[blocks.Length];
        var conditionalOut = new ImmutableHashSet<ISymbol>?[blocks.Length];
        var fallOut = new ImmutableHashSet<ISymbol>?[blocks.Length];

        // Iterate to a fixed point. The sets only shrink after a block is first reached, so this ends.
        bool changed = true;
        int rounds = 0;
        while (changed && rounds++ < 1000)
        {
            changed = false;
            foreach (BasicBlock block in blocks)
            {
                ImmutableHashSet<ISymbol> state = In(block, conditionalOut, fallOut);
                state = Transfer(block, state, symbols, children, null);
                (ImmutableHashSet<ISymbol> whenConditional, ImmutableHashSet<ISymbol> whenFallThrough) = Branch(block, state, symbols);
                if (outStates[block.Ordinal] is not { } previous || !previous.SetEquals(state)
                    || !conditionalOut[block.Ordinal]!.SetEquals(whenConditional) || !fallOut[block.Ordinal]!.SetEquals(whenFallThrough))
                {
                    outStates[block.Ordinal] = state;
                    conditionalOut[block.Ordinal] = whenConditional;
                    fallOut[block.Ordinal] = whenFallThrough;
                    changed = true;
                }
            }
        }

        // Final pass: record, for each read, whether the variable was done there.
        foreach (BasicBlock block in blocks)
        {
            Transfer(block, In(block, conditionalOut, fallOut), symbols, children, flow);
        }

        return flow;
    }

    private static ImmutableHashSet<ISymbol> Empty => ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);

    private static ImmutableHashSet<ISymbol> In(
        BasicBlock block, ImmutableHashSet<ISymbol>?[] conditionalOut, ImmutableHashSet<ISymbol>?[] fallOut)
    {
        if (block.Kind == BasicBlockKind.Entry || block.Predecessors.IsEmpty)
        {
            // The entry, and the first block of a finally or catch region, which the graph
            // enters without an edge: assume nothing is done.
            return Empty;
        }

        ImmutableHashSet<ISymbol>? state = null;
        foreach (ControlFlowBranch branch in block.Predecessors)
        {
            ImmutableHashSet<ISymbol>? incoming = branch.IsConditionalSuccessor
                ? conditionalOut[branch.Source.Ordinal]
                : fallOut[branch.Source.Ordinal];
            if (incoming is null)
            {
                continue; // not reached yet: the optimistic start of a loop
            }

            state = state is null ? incoming : state.Intersect(incoming);
        }

        return state ?? Empty;
    }

    private static ImmutableHashSet<ISymbol> Transfer(
        BasicBlock block, ImmutableHashSet<ISymbol> state, CoroSymbols symbols, Dictionary<ISymbol, List<ISymbol>> children, YieldFlow? record)
    {
        foreach (IOperation statement in block.Operations)
        {
            state = Statement(statement, state, symbols, children, record);
        }

        if (block.BranchValue is { } branchValue)
        {
            state = Statement(branchValue, state, symbols, children, record);
        }

        return state;
    }

    private static ImmutableHashSet<ISymbol> Statement(
        IOperation statement, ImmutableHashSet<ISymbol> state, CoroSymbols symbols, Dictionary<ISymbol, List<ISymbol>> children, YieldFlow? record)
    {
        var killed = new List<ISymbol>();
        var read = new List<ISymbol>();
        foreach (IOperation operation in CoroutineBody.Operations(statement))
        {
            switch (operation)
            {
                case ILocalReferenceOperation or IParameterReferenceOperation:
                    if (record is not null)
                    {
                        ISymbol variable = Variable(operation)!;
                        (state.Contains(variable) ? record._done : record._notDone).Add(operation.Syntax);
                    }

                    break;

                case IAssignmentOperation assignment:
                    AddWritten(assignment.Target, killed);
                    break;

                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument:
                    AddWritten(argument.Value, killed);
                    break;

                case IPropertyReferenceOperation { Property.Name: "Result" } property
                    when Variable(CoroutineBody.StripConversions(property.Instance)) is { } variable:
                    read.Add(variable);
                    break;

                case IInvocationOperation { TargetMethod.Name: "GetResult", Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter }
                    when Variable(CoroutineBody.StripConversions(awaiter.Instance)) is { } variable:
                    read.Add(variable);
                    break;
            }
        }

        state = state.Except(killed).Union(read);
        if (statement is IReturnOperation { Kind: OperationKind.YieldReturn, ReturnedValue: { } yielded })
        {
            var done = new List<ISymbol>();
            AddYielded(yielded, symbols, children, done);
            state = state.Union(done);
        }

        return state;
    }

    private static (ImmutableHashSet<ISymbol> WhenConditional, ImmutableHashSet<ISymbol> WhenFallThrough) Branch(
        BasicBlock block, ImmutableHashSet<ISymbol> state, CoroSymbols symbols)
    {
        if (block.ConditionKind == ControlFlowConditionKind.None || block.BranchValue is null)
        {
            return (state, state);
        }

        // `x.IsDone` (or `!x.IsDone`) as the condition: x is done on the edge where it is true.
        IOperation? condition = CoroutineBody.StripConversions(block.BranchValue);
        bool negated = false;
        while (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            negated = !negated;
            condition = CoroutineBody.StripConversions(not.Operand);
        }

        if (condition is IPropertyReferenceOperation { Property.Name: "IsDone" } isDone
            && symbols.IsFuture(isDone.Property.ContainingType)
            && Variable(CoroutineBody.StripConversions(isDone.Instance)) is { } variable)
        {
            bool conditionalMeansTrue = (block.ConditionKind == ControlFlowConditionKind.WhenTrue) != negated;
            ImmutableHashSet<ISymbol> done = state.Add(variable);
            return conditionalMeansTrue ? (done, state) : (state, done);
        }

        return (state, state);
    }

    private static void AddYielded(IOperation? value, CoroSymbols symbols, Dictionary<ISymbol, List<ISymbol>> children, List<ISymbol> done)
    {
        value = CoroutineBody.StripConversions(value);
        switch (value)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation:
                AddWithChildren(Variable(value)!, children, done);
                break;

            case IArrayCreationOperation { Initializer: { } initializer }:
                foreach (IOperation element in initializer.ElementValues)
                {
                    AddYielded(element, symbols, children, done);
                }

                break;

            case IInvocationOperation invocation:
                IMethodSymbol method = invocation.TargetMethod;
                if (invocation.Instance is not null && symbols.IsFuture(method.ContainingType)
                    && method.Name is "Settled" or "WithTimeout")
                {
                    AddYielded(invocation.Instance, symbols, children, done);
                }
                else if (invocation.Instance is null && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Future)
                    && method.Name is "All" or "Gather" or "FromTask" or "FromValueTask")
                {
                    foreach (IArgumentOperation argument in invocation.Arguments)
                    {
                        AddYielded(argument.Value, symbols, children, done);
                    }
                }

                break;
        }
    }

    /// <summary>The variable, and if it is a group the children it was given, theirs too (once each).</summary>
    private static void AddWithChildren(ISymbol variable, Dictionary<ISymbol, List<ISymbol>> children, List<ISymbol> done)
    {
        var pending = new Stack<ISymbol>();
        pending.Push(variable);
        while (pending.Count > 0)
        {
            ISymbol next = pending.Pop();
            if (done.Contains(next))
            {
                continue;
            }

            done.Add(next);
            if (children.TryGetValue(next, out List<ISymbol>? ofGroup))
            {
                foreach (ISymbol child in ofGroup)
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>For each local <c>CoroutineGroup</c>, the locals it was given by <c>g.Add(x)</c> or
    /// that hold what <c>x = g.Add(...)</c> returned.</summary>
    private static Dictionary<ISymbol, List<ISymbol>> GroupChildren(ImmutableArray<BasicBlock> blocks, CoroSymbols symbols)
    {
        var children = new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
        if (symbols.CoroutineGroup is null)
        {
            return children;
        }

        foreach (BasicBlock block in blocks)
        {
            foreach (IOperation statement in block.Operations)
            {
                foreach (IOperation operation in CoroutineBody.Operations(statement))
                {
                    if (operation is not IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add
                        || !symbols.IsCoroutineGroup(add.TargetMethod.ContainingType)
                        || Variable(CoroutineBody.StripConversions(add.Instance)) is not { } group)
                    {
                        continue;
                    }

                    IOperation? parent = add.Parent;
                    while (parent is IConversionOperation or IParenthesizedOperation)
                    {
                        parent = parent.Parent;
                    }

                    // Both `g.Add(x)` and `var y = g.Add(...)`: x and y are the child (in `y = g.Add(x)`, both).
                    if (!children.TryGetValue(group, out List<ISymbol>? list))
                    {
                        children[group] = list = new List<ISymbol>();
                    }

                    if (Variable(CoroutineBody.StripConversions(add.Arguments[0].Value)) is { } argument)
                    {
                        list.Add(argument);
                    }

                    if (parent is ISimpleAssignmentOperation assignment && Variable(CoroutineBody.StripConversions(assignment.Target)) is { } target)
                    {
                        list.Add(target);
                    }
                    else if (parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                    {
                        list.Add(declarator.Symbol);
                    }
                }
            }
        }

        return children;
    }

    private static void AddWritten(IOperation? target, List<ISymbol> killed)
    {
        target = CoroutineBody.StripConversions(target);
        if (Variable(target) is { } variable)
        {
            killed.Add(variable);
        }
        else if (target is not null)
        {
            foreach (IOperation operation in CoroutineBody.Operations(target))
            {
                if (Variable(operation) is { } nested)
                {
                    killed.Add(nested); // deconstruction: (a, b) = ...
                }
            }
        }
    }

    private static ISymbol? Variable(IOperation? operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// Reads of a result in a [Coroutine] body: <c>x.Result</c> and <c>x.GetAwaiter().GetResult()</c>,
/// with the receiver <c>x</c>. Shared by CORO002 (tasks) and CORO003 (futures).
/// </summary>
internal readonly struct ResultRead
{
    public ResultRead(IOperation read, IOperation receiver)
    {
        Read = read;
        Receiver = receiver;
    }

    /// <summary>The <c>.Result</c> property reference or the <c>GetResult()</c> invocation.</summary>
    public IOperation Read { get; }

    /// <summary>What the result is read from, conversions stripped.</summary>
    public IOperation Receiver { get; }

    /// <summary>The receiver's type.</summary>
    public ITypeSymbol? ReceiverType => Receiver.Type;

    /// <summary>The receiver's local or parameter, if it is one.</summary>
    public ISymbol? Variable => Receiver switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>The reads in <paramref name="body"/> whose receiver satisfies <paramref name="receiverFilter"/>.</summary>
    public static List<ResultRead> Find(IOperation body, System.Func<ITypeSymbol?, bool> receiverFilter)
    {
        var reads = new List<ResultRead>();
        foreach (IOperation operation in CoroutineBody.Operations(body))
        {
            IOperation? receiver = operation switch
            {
                IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } => instance,
                IInvocationOperation { TargetMethod.Name: "GetResult", Arguments.Length: 0, Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Arguments.Length: 0, Instance: { } instance } } => instance,
                _ => null,
            };
            receiver = CoroutineBody.StripConversions(receiver);
            if (receiver is not null && receiverFilter(receiver.Type))
            {
                reads.Add(new ResultRead(operation, receiver));
            }
        }

        return reads;
    }

    /// <summary>
    /// The data flow for <paramref name="body"/>, or null if the graph cannot be built
    /// (broken code: then every read counts as not yielded).
    /// </summary>
    public static YieldFlow? Flow(OperationBlockAnalysisContext context, IOperation body, CoroSymbols symbols)
    {
        while (body.Parent is not null)
        {
            body = body.Parent;
        }

        if (body is not IMethodBodyOperation)
        {
            return null;
        }

        try
        {
            // Not context.GetControlFlowGraph: it rejects the implementing part of a partial method
            // ("operation block does not belong to the current analysis context").
            return YieldFlow.Analyze(ControlFlowGraph.Create((IMethodBodyOperation)body, context.CancellationToken), symbols);
        }
        catch (System.ArgumentException)
        {
            // ControlFlowGraph.Create rejects some trees of invalid code; fall back to "not yielded".
            return null;
        }
    }
}

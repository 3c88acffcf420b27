using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// CORO002: a blocking call in a [Coroutine] body. Three sources:
/// <list type="bullet">
/// <item><see cref="BlockingCallTable"/>: <c>Thread.Sleep</c>, <c>Thread.Join</c>, <c>Task.Wait/WaitAll/WaitAny</c>,
/// <c>WaitHandle.Wait*</c>, <c>Monitor.Wait</c>, <c>SemaphoreSlim.Wait</c>, <c>ManualResetEventSlim.Wait</c>,
/// <c>EventLoop.Run</c>, with what the users' <c>Coro.BlockingCalls.txt</c> adds and
/// <c>Coro.BlockingCallsExcluded.txt</c> takes away (a line it cannot read is CORO009);</item>
/// <item><c>.Result</c> / <c>.GetAwaiter().GetResult()</c> of a task the body has not yielded on
/// every path (see <see cref="YieldFlow"/>);</item>
/// <item>VSTHRD103's lookup, for a call the table does not exclude: a synchronous call whose type (or
/// an extension method) offers <c>&lt;Name&gt;Async</c> taking at least the same parameter types (any
/// extra ones optional or a <c>CancellationToken</c>), returning Task, ValueTask or Future, not
/// [Obsolete], and not the enclosing method or its wrapper.</item>
/// </list>
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CORO002BlockingCallAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Which fix applies: <see cref="SleepFix"/>, <see cref="YieldReceiverFix"/> or <see cref="TwinFix"/>.
    /// A task's <c>.Result</c> uses <see cref="CORO003ResultBeforeYieldAnalyzer.YieldVariableProperty"/>.</summary>
    internal const string FixProperty = "Fix";

    /// <summary><c>Thread.Sleep(x);</c> → <c>yield return Coroutine.Sleep(x);</c></summary>
    internal const string SleepFix = "Sleep";

    /// <summary>Set with <see cref="SleepFix"/> when <c>x</c> is a number of milliseconds.</summary>
    internal const string MillisecondsProperty = "Milliseconds";

    /// <summary><c>task.Wait();</c> → <c>yield return task;</c></summary>
    internal const string YieldReceiverFix = "YieldReceiver";

    /// <summary>Call the <c>Async</c> twin, yield it, then read its result.</summary>
    internal const string TwinFix = "Twin";

    /// <summary>The twin's name.</summary>
    internal const string TwinNameProperty = "TwinName";

    /// <summary>The twin's return type: Task, ValueTask or Future.</summary>
    internal const string TwinKindProperty = "TwinKind";

    /// <summary>Set when the twin's return type has a result (Task&lt;T&gt;, ValueTask&lt;T&gt;, Future&lt;T&gt;).</summary>
    internal const string TwinHasResultProperty = "TwinHasResult";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CORO002BlockingCall, DiagnosticDescriptors.CORO009UnreadableBlockingCall);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            CoroSymbols? symbols = CoroSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            BlockingCallTable table = BlockingCallTable.Create(start.Compilation, start.Options.AdditionalFiles, start.CancellationToken);
            if (table.HasProblems)
            {
                start.RegisterAdditionalFileAction(table.ReportProblems);
            }

            CoroutineBody.RegisterBodyAction(start, symbols, (block, _, method, body) =>
            {
                AnalyzeTaskResults(block, symbols, body);
                foreach (IOperation operation in CoroutineBody.Operations(body))
                {
                    if (operation is IInvocationOperation { IsImplicit: false } invocation)
                    {
                        AnalyzeInvocation(block, symbols, table, method, invocation);
                    }
                }
            });
        });
    }

    private static void AnalyzeTaskResults(OperationBlockAnalysisContext block, CoroSymbols symbols, IOperation body)
    {
        List<ResultRead> reads = ResultRead.Find(body, type => symbols.IsTask(type) || symbols.IsValueTask(type));
        if (reads.Count == 0)
        {
            return;
        }

        YieldFlow? flow = reads.Exists(read => read.Variable is not null) ? ResultRead.Flow(block, body, symbols) : null;
        foreach (ResultRead read in reads)
        {
            if (read.Variable is not null && flow is not null && flow.IsDoneAt(read.Receiver.Syntax))
            {
                continue;
            }

            // A ValueTask must not be consumed twice (yielded, then read), so only tasks get the fix.
            ImmutableDictionary<string, string?> properties = symbols.IsTask(read.ReceiverType)
                ? CORO003ResultBeforeYieldAnalyzer.YieldFixProperties(read)
                : ImmutableDictionary<string, string?>.Empty;
            string what = read.Read is IPropertyReferenceOperation ? "Result" : "GetAwaiter().GetResult()";
            block.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.CORO002BlockingCall,
                read.Read.Syntax.GetLocation(),
                properties,
                read.ReceiverType!.Name + "." + what,
                "yield the task first, then read its result"));
        }
    }

    private static void AnalyzeInvocation(
        OperationBlockAnalysisContext block, CoroSymbols symbols, BlockingCallTable table, IMethodSymbol enclosing, IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        BlockingCall? row = table.Find(target);
        if (row is { Advice: null })
        {
            return;
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        string? hint = row?.Advice;
        if (row is not null)
        {
            AddFix(row.Fix, target, symbols, invocation, properties);
        }

        if (hint is null || properties.Count == 0)
        {
            IMethodSymbol? twin = FindTwin(invocation, enclosing, symbols, table, out bool fixable);
            if (twin is not null)
            {
                hint ??= "yield '" + twin.Name + "' instead and read its result";
                if (fixable && properties.Count == 0 && IsFixableStatement(invocation, out _))
                {
                    properties[FixProperty] = TwinFix;
                    properties[TwinNameProperty] = twin.Name;
                    properties[TwinKindProperty] = symbols.IsFuture(twin.ReturnType) ? "Future" : symbols.IsTask(twin.ReturnType) ? "Task" : "ValueTask";
                    if (twin.ReturnType is INamedTypeSymbol { IsGenericType: true } || symbols.IsFutureOfT(twin.ReturnType, out _))
                    {
                        properties[TwinHasResultProperty] = "true";
                    }
                }
            }
        }

        if (hint is null)
        {
            return;
        }

        block.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.CORO002BlockingCall,
            invocation.Syntax.GetLocation(),
            properties.ToImmutable(),
            target.ContainingType.Name + "." + target.Name,
            hint));
    }

    /// <summary>The fix's inputs, for a call of the table whose row has a fix, where the call's shape allows it.</summary>
    private static void AddFix(
        BlockingFix fix, IMethodSymbol method, CoroSymbols symbols, IInvocationOperation invocation, ImmutableDictionary<string, string?>.Builder properties)
    {
        switch (fix)
        {
            case BlockingFix.Sleep when invocation.Arguments.Length == 1 && method.Parameters.Length == 1 && IsFixableStatement(invocation, out _):
                properties[FixProperty] = SleepFix;
                if (!SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, symbols.TimeSpan))
                {
                    properties[MillisecondsProperty] = "true";
                }

                break;
            case BlockingFix.YieldReceiver when invocation.Arguments.Length == 0 && invocation.Instance is not null && IsFixableStatement(invocation, out _):
                properties[FixProperty] = YieldReceiverFix;
                break;
        }
    }

    /// <summary>VSTHRD103's lookup of an asynchronous twin of a synchronous call.</summary>
    private static IMethodSymbol? FindTwin(
        IInvocationOperation invocation, IMethodSymbol enclosing, CoroSymbols symbols, BlockingCallTable table, out bool fixable)
    {
        fixable = false;
        IMethodSymbol method = invocation.TargetMethod;
        SemanticModel? model = invocation.SemanticModel;
        if (model is null || method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || symbols.IsAwaitable(method.ReturnType) || symbols.IsCoroutine(method))
        {
            return null;
        }

        ITypeSymbol? container;
        ImmutableArray<IParameterSymbol> parameters = method.Parameters;
        bool instanceLike;
        if (method.IsExtensionMethod && invocation.Instance is null && method.MethodKind == MethodKind.Ordinary)
        {
            if (invocation.Arguments.Length == 0 || parameters.Length == 0)
            {
                return null;
            }

            container = CoroutineBody.StripConversions(invocation.Arguments[0].Value)?.Type ?? parameters[0].Type;
            parameters = parameters.RemoveAt(0);
            instanceLike = true;
        }
        else if (method.IsStatic)
        {
            container = method.ContainingType;
            instanceLike = false;
        }
        else
        {
            container = CoroutineBody.StripConversions(invocation.Instance)?.Type ?? method.ContainingType;
            instanceLike = true;
        }

        if (container is null || container.TypeKind is TypeKind.Error or TypeKind.Dynamic or TypeKind.Pointer or TypeKind.FunctionPointer)
        {
            return null;
        }

        string twinName = method.Name + "Async";
        ImmutableArray<ISymbol> candidates = model.LookupSymbols(
            invocation.Syntax.SpanStart, container, twinName, includeReducedExtensionMethods: instanceLike);
        foreach (ISymbol candidate in candidates)
        {
            if (candidate is not IMethodSymbol twin)
            {
                continue;
            }

            bool twinInstanceLike = !twin.IsStatic || twin.MethodKind == MethodKind.ReducedExtension;
            IMethodSymbol declared = twin.ReducedFrom ?? twin;
            if (twinInstanceLike != instanceLike
                || !symbols.IsAwaitable(twin.ReturnType)
                || symbols.IsObsolete(declared)
                || SymbolEqualityComparer.Default.Equals(declared.OriginalDefinition, enclosing.OriginalDefinition)
                || (twin.Name == enclosing.Name + "Async" && SymbolEqualityComparer.Default.Equals(twin.ContainingType, enclosing.ContainingType))
                || !IsSuperset(twin.Parameters, parameters, out bool extrasOptional))
            {
                continue;
            }

            fixable = extrasOptional && (method.ReturnsVoid || twin.ReturnType is INamedTypeSymbol { IsGenericType: true } || symbols.IsFutureOfT(twin.ReturnType, out _));
            return twin;
        }

        return null;
    }

    /// <summary>
    /// True if <paramref name="twin"/> has a parameter of each type of <paramref name="original"/>
    /// (matched one to one) and any other parameter is optional, <c>params</c> or a CancellationToken.
    /// </summary>
    private static bool IsSuperset(
        ImmutableArray<IParameterSymbol> twin, ImmutableArray<IParameterSymbol> original, out bool extrasOptional)
    {
        extrasOptional = true;
        var used = new bool[twin.Length];
        foreach (IParameterSymbol parameter in original)
        {
            int match = -1;
            for (int i = 0; i < twin.Length; i++)
            {
                if (!used[i] && SameType(twin[i].Type, parameter.Type))
                {
                    match = i;
                    break;
                }
            }

            if (match < 0)
            {
                return false;
            }

            used[match] = true;
        }

        for (int i = 0; i < twin.Length; i++)
        {
            if (used[i])
            {
                continue;
            }

            bool cancellation = CoroutineShape.IsCancellationToken(twin[i].Type);
            if (!twin[i].IsOptional && !twin[i].IsParams && !cancellation)
            {
                return false;
            }

            extrasOptional &= twin[i].IsOptional || twin[i].IsParams;
        }

        return true;
    }

    private static bool SameType(ITypeSymbol a, ITypeSymbol b) =>
        SymbolEqualityComparer.Default.Equals(a, b)
        || (a is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } pa
            && b is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } pb
            && pa.Ordinal == pb.Ordinal);

    /// <summary>
    /// True if the call is a whole statement (<c>Call(..);</c>) or the whole initializer of a
    /// one-variable local declaration, in a block where <c>yield return</c> may go.
    /// </summary>
    internal static bool IsFixableStatement(IInvocationOperation invocation, out StatementSyntax? statement)
    {
        statement = CoroutineBody.InsertableStatement(invocation.Syntax);
        return statement switch
        {
            ExpressionStatementSyntax expression => expression.Expression == invocation.Syntax,
            LocalDeclarationStatementSyntax { UsingKeyword.RawKind: 0, Declaration.Variables: { Count: 1 } variables } =>
                variables[0].Initializer?.Value == invocation.Syntax,
            _ => false,
        };
    }
}

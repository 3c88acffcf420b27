using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Coro.Analyzers;

/// <summary>
/// CORO002: a blocking call in a [Coroutine] body. Two sources:
/// <list type="bullet">
/// <item>an explicit list: <c>Thread.Sleep</c>, <c>Thread.Join</c>, <c>Task.Wait/WaitAll/WaitAny</c>,
/// <c>WaitHandle.Wait*</c>, <c>Monitor.Wait</c>, <c>SemaphoreSlim.Wait</c>, <c>ManualResetEventSlim.Wait</c>,
/// <c>EventLoop.Run</c>, and <c>.Result</c> / <c>.GetAwaiter().GetResult()</c> of a task the body has not
/// yielded on every path (see <see cref="YieldFlow"/>);</item>
/// <item>VSTHRD103's lookup: a synchronous call whose type (or an extension method) offers
/// <c>&lt;Name&gt;Async</c> taking at least the same parameter types (any extra ones optional or a
/// <c>CancellationToken</c>), returning Task, ValueTask or Future, not [Obsolete], and not the
/// enclosing method or its wrapper.</item>
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
        ImmutableArray.Create(DiagnosticDescriptors.CORO002BlockingCall);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        CoroutineBody.RegisterBodyAction(context, static (block, symbols, method, body) =>
        {
            AnalyzeTaskResults(block, symbols, body);
            foreach (IOperation operation in CoroutineBody.Operations(body))
            {
                if (operation is IInvocationOperation { IsImplicit: false } invocation)
                {
                    AnalyzeInvocation(block, symbols, method, invocation);
                }
            }
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

    private static void AnalyzeInvocation(OperationBlockAnalysisContext block, CoroSymbols symbols, IMethodSymbol enclosing, IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        string? hint = ExplicitlyBlocking(target, symbols, invocation, properties);
        IMethodSymbol? twin = null;
        if (hint is null || properties.Count == 0)
        {
            twin = FindTwin(invocation, enclosing, symbols, out bool fixable);
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

    /// <summary>The members docs/design.md names ("Diagnostics", CORO002); returns the hint for the message, or null.</summary>
    private static string? ExplicitlyBlocking(
        IMethodSymbol method, CoroSymbols symbols, IInvocationOperation invocation, ImmutableDictionary<string, string?>.Builder properties)
    {
        INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
        string name = method.Name;
        if (Is(type, symbols.Thread))
        {
            if (name == "Sleep" && invocation.Arguments.Length == 1)
            {
                if (IsFixableStatement(invocation, out _))
                {
                    properties[FixProperty] = SleepFix;
                    if (!SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, symbols.TimeSpan))
                    {
                        properties[MillisecondsProperty] = "true";
                    }
                }

                return "yield return Coroutine.Sleep(...) instead";
            }

            return name == "Join" ? "yield a future that completes when the thread's work is done" : null;
        }

        if (symbols.IsTask(type) && name is "Wait" or "WaitAll" or "WaitAny")
        {
            if (name == "Wait" && invocation.Arguments.Length == 0 && invocation.Instance is not null && IsFixableStatement(invocation, out _))
            {
                properties[FixProperty] = YieldReceiverFix;
            }

            return name == "WaitAny" ? "yield Future.Any(...) of the tasks instead" : "yield the task (an array of tasks waits for all) instead";
        }

        if ((InheritsFrom(type, symbols.WaitHandle) && (name.StartsWith("Wait", System.StringComparison.Ordinal) || name == "SignalAndWait"))
            || (Is(type, symbols.Monitor) && name == "Wait")
            || (Is(type, symbols.ManualResetEventSlim) && name == "Wait"))
        {
            return "complete a future from the signal and yield it instead";
        }

        if (Is(type, symbols.SemaphoreSlim) && name == "Wait")
        {
            return "yield WaitAsync() instead";
        }

        if (Is(type, symbols.EventLoop) && name == "Run")
        {
            return "a coroutine already runs on a loop: yield the future instead of running a nested loop";
        }

        return null;
    }

    /// <summary>VSTHRD103's lookup of an asynchronous twin of a synchronous call.</summary>
    /// <summary>
    /// Calls whose <c>Async</c> twin exists for another reason than blocking, so the lookup would be
    /// noise on idiomatic code: <c>CancellationTokenSource.Cancel</c> (its twin only runs the
    /// callbacks elsewhere) and <c>TextWriter.Write</c>/<c>WriteLine</c> (buffered: console output
    /// and logs; the flush is what waits).
    /// </summary>
    private static bool HasTwinForOtherReasons(IMethodSymbol method)
    {
        string? type = method.ContainingType?.OriginalDefinition.ToDisplayString();
        return (type == "System.Threading.CancellationTokenSource" && method.Name == "Cancel")
            || (type == "System.IO.TextWriter" && method.Name is "Write" or "WriteLine");
    }

    private static IMethodSymbol? FindTwin(IInvocationOperation invocation, IMethodSymbol enclosing, CoroSymbols symbols, out bool fixable)
    {
        fixable = false;
        IMethodSymbol method = invocation.TargetMethod;
        SemanticModel? model = invocation.SemanticModel;
        if (model is null || method.Name.EndsWith("Async", System.StringComparison.Ordinal)
            || symbols.IsAwaitable(method.ReturnType) || symbols.IsCoroutine(method)
            || HasTwinForOtherReasons(method.OriginalDefinition.OverriddenMethod ?? method.OriginalDefinition))
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
    private static bool IsSuperset(ImmutableArray<IParameterSymbol> twin, ImmutableArray<IParameterSymbol> original, out bool extrasOptional)
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

            bool cancellation = twin[i].Type is { Name: "CancellationToken", ContainingNamespace: { Name: "Threading", ContainingNamespace.Name: "System" } };
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

    private static bool Is(INamedTypeSymbol type, INamedTypeSymbol? expected) => SymbolEqualityComparer.Default.Equals(type, expected);

    private static bool InheritsFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, baseType))
            {
                return true;
            }
        }

        return false;
    }
}

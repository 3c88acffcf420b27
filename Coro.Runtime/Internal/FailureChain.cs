using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Coro.CompilerServices;

namespace Coro;

/// <summary>
/// Makes a failure name the coroutines it passed through, as async/await's stack traces name the
/// awaiting methods. When a coroutine ends because a future it yielded faulted, the Runner passes
/// the failure through <see cref="Through"/>: the same exception object is rethrown, once, from a
/// frame named after the coroutine (<c>at App.Worker()</c>) and caught again at once, so its
/// <see cref="Exception.StackTrace"/> gains that line after the lines it already had.
/// </summary>
/// <remarks>
/// <para>The named frame of a <c>[Coroutine]</c> is a method the generator wrote beside its body
/// (<see cref="FailureFrame"/>): ordinary compiled code, so the chain is whole under NativeAOT and
/// IL2CPP too, and on runtimes that do not honour <see cref="StackTraceHiddenAttribute"/> (Mono, the
/// netstandard2.1 build) it adds no line of Coro's own. A <c>Coroutine.Start</c> body has no generated
/// code: where the runtime can emit code it gets a tiny <see cref="DynamicMethod"/> named after it,
/// made once per name; where it cannot (NativeAOT, IL2CPP), its line is left out.</para>
/// <para>Cost, only on the failure path: one throw and catch per coroutine the failure passes
/// through (tens of microseconds), and a frame made the first time a coroutine fails. A throw
/// copies the trace so far, so a very deep chain would cost quadratic time: after
/// <see cref="MaxLines"/> coroutines, the rest are only counted, in
/// <c>exception.Data["Coro.CoroutineLinesLeftOut"]</c>, and one last line says so.</para>
/// </remarks>
[StackTraceHidden]
internal static class FailureChain
{
    /// <summary>The most coroutine lines one exception gains.</summary>
    public const int MaxLines = 100;

    /// <summary>The key of <see cref="Exception.Data"/> that counts the lines left out.</summary>
    public const string LinesLeftOutKey = "Coro.CoroutineLinesLeftOut";

    private const string LeftOutFrameName = "(more coroutines: see Exception.Data[\"" + LinesLeftOutKey + "\"])";

    private static readonly ConcurrentDictionary<string, Action?> s_frames = new();
    private static readonly ConditionalWeakTable<Exception, StrongBox<int>> s_lines = new();

    [ThreadStatic]
    private static ExceptionDispatchInfo? t_pending;

    /// <summary>The failure, as it leaves the coroutine whose body is <paramref name="body"/> and whose
    /// generated frame method is <paramref name="frame"/> (null for a <c>Coroutine.Start</c> body).</summary>
    public static ExceptionDispatchInfo Through(ExceptionDispatchInfo failure, object? body, Action<FailureFrame>? frame)
    {
        if (body is null)
        {
            return failure;
        }

        Exception exception = failure.SourceException;
        StrongBox<int> lines = s_lines.GetOrCreateValue(exception);
        int line = lines.Value++;
        if (line < MaxLines)
        {
            return frame is not null ? RethrowThrough(failure, frame) : Rethrow(failure, CoroutineName.Of(body));
        }

        exception.Data[LinesLeftOutKey] = line - MaxLines + 1;
        return line == MaxLines ? Rethrow(failure, LeftOutFrameName) : failure;
    }

    private static ExceptionDispatchInfo RethrowThrough(ExceptionDispatchInfo failure, Action<FailureFrame> frame)
    {
        var passing = new FailureFrame(failure);
        frame(passing);
        return passing.Result ?? failure;
    }

    private static ExceptionDispatchInfo Rethrow(ExceptionDispatchInfo failure, string name)
    {
        if (s_frames.GetOrAdd(name, MakeFrame) is not { } frame)
        {
            return failure;
        }

        t_pending = failure;
        try
        {
            frame();
        }
        catch (Exception thrown) when (thrown == failure.SourceException)
        {
            return ExceptionDispatchInfo.Capture(thrown);
        }
        finally
        {
            t_pending = null;
        }

        return failure;
    }

    /// <summary>Called by every named frame: throws the failure passing through it.</summary>
    public static void ThrowPending() => t_pending!.Throw();

    private static Action? MakeFrame(string name)
    {
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            return null; // NativeAOT, IL2CPP: a Coroutine.Start body's line is left out
        }

        try
        {
            var method = new DynamicMethod(name, typeof(void), Type.EmptyTypes, typeof(FailureChain).Module, skipVisibility: true);
            ILGenerator il = method.GetILGenerator();
            il.Emit(OpCodes.Call, typeof(FailureChain).GetMethod(nameof(ThrowPending))!);
            il.Emit(OpCodes.Ret);
            return (Action)method.CreateDelegate(typeof(Action));
        }
        catch (Exception exception) when (exception is PlatformNotSupportedException or NotSupportedException or InvalidOperationException)
        {
            return null; // no code generation here: the failure keeps the trace it had
        }
    }
}

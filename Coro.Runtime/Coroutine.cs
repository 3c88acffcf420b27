using System.Collections;

namespace Coro;

/// <summary>
/// What a coroutine body yields besides futures (Tornado's <c>gen</c> module), and
/// <see cref="Start(IEnumerable)"/> to run an iterator as a coroutine without the generator.
/// </summary>
public static class Coroutine
{
    /// <summary>
    /// Yield this to give the loop one turn: everything already queued on it runs, then the
    /// coroutine goes on (Tornado's <c>gen.moment</c>; yielding <c>null</c> does the same). It is a
    /// done <see cref="Future"/>, so a body typed <c>IEnumerable&lt;Future&gt;</c> can yield it.
    /// </summary>
    public static Future Moment { get; } = new Future<NoResult>(default, FutureKind.Moment);

    /// <summary>
    /// Yield <c>Coroutine.Return(value)</c> to finish the coroutine with <paramref name="value"/>
    /// as its result; the body is then disposed, so its finally blocks run. The value must convert
    /// to the <c>TResult</c> of <c>[Coroutine&lt;TResult&gt;]</c> (analyzer CORO005).
    /// </summary>
    public static Future<T> Return<T>(T value) => ReturnFutures<T>.For(value) ?? new(value, FutureKind.Return);

    /// <summary>A future that completes after <paramref name="delay"/> on the current loop
    /// (Tornado's <c>gen.sleep</c>). Cancelling it cancels the timer.</summary>
    /// <exception cref="InvalidOperationException">No <see cref="EventLoop"/> runs on this thread.</exception>
    public static Future Sleep(TimeSpan delay)
    {
        EventLoop loop = EventLoop.Current ?? throw new InvalidOperationException(
            "Coroutine.Sleep needs an EventLoop on this thread; call it from a coroutine that runs inside EventLoop.Run.");
        return new SleepFuture(loop, delay);
    }

    /// <summary>
    /// Runs an iterator as a coroutine with no result, exactly as a generated <c>[Coroutine]</c>
    /// wrapper does: the first step runs now, on this thread; the rest runs on this thread's loop.
    /// For local functions and other iterators that cannot carry the attribute.
    /// </summary>
    /// <returns>The coroutine's future; this method never throws for a non-null body.</returns>
    public static Future Start(IEnumerable body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunFirstStep(new Runner<NoResult>(), body, null);
    }

    /// <inheritdoc cref="Start(IEnumerable)"/>
    public static Future Start(IEnumerator body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunFirstStep(new Runner<NoResult>(), null, body);
    }

    /// <summary>
    /// Runs an iterator as a coroutine whose result is the value of its
    /// <c>yield return Coroutine.Return(value)</c>, exactly as a generated
    /// <c>[Coroutine&lt;TResult&gt;]</c> wrapper does.
    /// </summary>
    public static Future<TResult> Start<TResult>(IEnumerable body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunFirstStep(new Runner<TResult>(), body, null);
    }

    /// <inheritdoc cref="Start{TResult}(IEnumerable)"/>
    public static Future<TResult> Start<TResult>(IEnumerator body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunFirstStep(new Runner<TResult>(), null, body);
    }

    // The generated wrapper, written once by hand.
    [System.Diagnostics.StackTraceHidden]
    private static Runner<TResult> RunFirstStep<TResult>(Runner<TResult> runner, IEnumerable? enumerable, IEnumerator? body)
    {
        try
        {
            body ??= enumerable!.GetEnumerator();
            if (!StackGuard.HasStackForFirstStep())
            {
                runner.StartLater(body);
            }
            else if (body.MoveNext())
            {
                runner.Start(body, body.Current);
            }
            else
            {
                runner.FinishFirstStep(body);
            }
        }
        catch (Exception exception)
        {
            runner.FinishFirstStep(body, exception);
        }

        return runner;
    }
}

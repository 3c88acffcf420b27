using System.Collections;
using System.ComponentModel;

namespace Coro.CompilerServices;

/// <summary>
/// The few calls the wrapper generated for a <c>[Coroutine]</c> method makes into the runtime.
/// Not for hand-written code: use <see cref="Coroutine.Start(IEnumerable)"/> to start an iterator
/// without the generator.
/// </summary>
/// <remarks>
/// A generated wrapper reads like Tornado's coroutine wrapper, with the body's first step inline:
/// <code>
/// Future&lt;string&gt; future = CoroutineWrapper.NewFuture&lt;string&gt;(s_fetchTitleFrame ??= FetchTitle);
/// IEnumerator? body = null;
/// try
/// {
///     body = FetchTitle(url).GetEnumerator();
///     if (!CoroutineWrapper.HasStackForFirstStep()) CoroutineWrapper.StartLater(future, body);
///     else if (body.MoveNext()) CoroutineWrapper.Yielded(future, body, body.Current);
///     else CoroutineWrapper.Finished(future, body);
/// }
/// catch (Exception exception)
/// {
///     CoroutineWrapper.Threw(future, body, exception);
/// }
/// return future;
/// </code>
/// None of these methods throws for a future made by <see cref="NewFuture(Action{FailureFrame})"/>;
/// a <c>[Coroutine&lt;TResult&gt;]</c>'s wrapper calls the generic overloads, a <c>[Coroutine]</c>'s
/// the others.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
[System.Diagnostics.StackTraceHidden]
public static class CoroutineWrapper
{
    /// <summary>The future of a new <c>[Coroutine]</c>; it is also its Runner.</summary>
    /// <param name="failureFrame">The coroutine's generated frame method (<see cref="FailureFrame"/>),
    /// which names it in the stack trace of a failure that ends it.</param>
    public static Future NewFuture(Action<FailureFrame>? failureFrame) => new Runner<NoResult>(failureFrame);

    /// <summary>The future of a new <c>[Coroutine&lt;TResult&gt;]</c>; it is also its Runner.</summary>
    /// <param name="failureFrame">The coroutine's generated frame method (<see cref="FailureFrame"/>).</param>
    public static Future<TResult> NewFuture<TResult>(Action<FailureFrame>? failureFrame) => new Runner<TResult>(failureFrame);

    /// <summary>
    /// False when this thread's stack is nearly used up, as it is deep inside a long chain of
    /// nested coroutines that each run their first step inline: the wrapper then starts the body
    /// from the loop (<see cref="StartLater"/>), so stack depth stays bounded.
    /// </summary>
    public static bool HasStackForFirstStep() => StackGuard.HasStackForFirstStep();

    /// <summary>Queues the body's first step on the current loop instead of running it inline.</summary>
    public static void StartLater(Future future, IEnumerator body) => RunnerOf(future).StartLater(body);

    /// <inheritdoc cref="StartLater(Future, IEnumerator)"/>
    public static void StartLater<TResult>(Future<TResult> future, IEnumerator body) => RunnerOf(future).StartLater(body);

    /// <summary>The body yielded <paramref name="yielded"/> at its first step: finish the future if
    /// it is <c>Coroutine.Return</c>, otherwise hand the body to the Runner.</summary>
    public static void Yielded(Future future, IEnumerator body, object? yielded) => RunnerOf(future).Start(body, yielded);

    /// <inheritdoc cref="Yielded(Future, IEnumerator, object?)"/>
    public static void Yielded<TResult>(Future<TResult> future, IEnumerator body, object? yielded) => RunnerOf(future).Start(body, yielded);

    /// <summary>The body ended at its first step without <c>Coroutine.Return</c>.</summary>
    public static void Finished(Future future, IEnumerator body) => RunnerOf(future).FinishFirstStep(body);

    /// <inheritdoc cref="Finished(Future, IEnumerator)"/>
    public static void Finished<TResult>(Future<TResult> future, IEnumerator body) => RunnerOf(future).FinishFirstStep(body);

    /// <summary>Calling the body, or its first step, threw: the future carries the exception.</summary>
    public static void Threw(Future future, IEnumerator? body, Exception exception) => RunnerOf(future).FinishFirstStep(body, exception);

    /// <inheritdoc cref="Threw(Future, IEnumerator?, Exception)"/>
    public static void Threw<TResult>(Future<TResult> future, IEnumerator? body, Exception exception) => RunnerOf(future).FinishFirstStep(body, exception);

    /// <summary>Cancels the coroutine when <paramref name="cancellationToken"/> is cancelled, for as
    /// long as the coroutine runs.</summary>
    public static void CancelWhen(Future future, CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled || future.IsDone)
        {
            return;
        }

        CancellationTokenRegistration registration = cancellationToken.Register(
            static state => ((Future)state!).Cancel(), future);
        future.AddDoneCallback(_ => registration.Dispose());
    }

    // One compare against the sealed Runner and direct calls, no interface: a [Coroutine<TResult>]'s
    // wrapper binds to the generic overloads, a [Coroutine]'s future is a Runner<NoResult>, and
    // NewFuture makes nothing else.
    private static Runner<TResult> RunnerOf<TResult>(Future<TResult> future) =>
        future as Runner<TResult> ?? throw NotARunner(nameof(future));

    private static Runner<NoResult> RunnerOf(Future future) =>
        future as Runner<NoResult> ?? throw NotARunner(nameof(future));

    private static ArgumentException NotARunner(string parameter) =>
        new("Pass the future made by CoroutineWrapper.NewFuture.", parameter);
}

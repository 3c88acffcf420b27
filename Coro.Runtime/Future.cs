using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>
/// The result of an operation that may not have finished yet: Tornado's <c>Future</c>, .NET's
/// <see cref="Task"/>. A coroutine yields a future to wait for it; code outside a coroutine can
/// <c>await</c> it, or register a callback with <see cref="AddDoneCallback"/>.
/// </summary>
/// <remarks>
/// <para>A future completes once: it succeeds (<see cref="SetResult"/>), faults
/// (<see cref="SetException"/>) or is cancelled (<see cref="Cancel"/>). Every completing member
/// and <see cref="AddDoneCallback"/> may be called from any thread; the first completion wins.</para>
/// <para>Who completes a future is part of its contract: a future made with <c>new Future()</c> is
/// completed by its user; a future Coro made (a coroutine's, a combinator's, <c>Sleep</c>'s, a
/// primitive's waiting future) only by Coro, and from outside only <see cref="Cancel"/> ends it
/// (<see cref="SetResult"/> and the others throw).</para>
/// <para>Callbacks run on the thread that completes the future, or at once on the caller's thread
/// if it is already done. To run a callback on an event loop, use
/// <see cref="EventLoop.AddFuture"/>; coroutines always resume on their own loop.</para>
/// <para>A faulted future whose exception nobody reads is reported through
/// <see cref="UnobservedException"/> when it is collected.</para>
/// </remarks>
public partial class Future
{
    // _state moves once: Pending -> Completing (owned by the one thread whose CompareExchange won,
    // while it writes the outcome) -> one of the three final states, published with a release write.
    private const int StatePending = 0;
    private const int StateCompleting = 1;
    private protected const int StateSucceeded = 2;
    private const int StateFaulted = 3;
    private const int StateCanceled = 4;

    private int _state;

    // What runs when the future completes: null, one continuation, a ContinuationList, or
    // s_completedSentinel once the continuations have been taken to run.
    private object? _continuation;

    // Faulted: the ExceptionHolder. Canceled: the OperationCanceledException, or null until asked for.
    private object? _error;

    /// <summary>What the Runner must know about a yielded future without a type test.</summary>
    internal readonly FutureKind Kind;

    /// <summary>Creates a pending future; complete it with <see cref="SetResult"/>,
    /// <see cref="SetException"/> or <see cref="Cancel"/>.</summary>
    public Future()
    {
    }

    /// <summary>Creates a future that has already succeeded.</summary>
    private protected Future(FutureKind kind, bool succeeded)
    {
        Kind = kind;
        if (succeeded)
        {
            // No continuation sentinel: TryAddContinuation checks the state first, and leaving
            // the slot null spares a GC write barrier on every done future made (W1's hot path).
            _state = StateSucceeded;
        }
    }

    /// <summary>True once the future has succeeded, faulted or been cancelled.</summary>
    public bool IsDone => Volatile.Read(ref _state) > StateCompleting;

    /// <summary>True if the future completed with an exception.</summary>
    public bool IsFaulted => Volatile.Read(ref _state) == StateFaulted;

    /// <summary>True if the future was cancelled.</summary>
    public bool IsCanceled => Volatile.Read(ref _state) == StateCanceled;

    internal bool IsSucceeded => Volatile.Read(ref _state) == StateSucceeded;

    /// <summary>
    /// The exception the future faulted with, or null if it is pending, succeeded or was cancelled
    /// (as with <see cref="Task.Exception"/>). Reading it counts as observing the failure.
    /// </summary>
    public Exception? Exception => IsFaulted ? ((ExceptionHolder)_error!).Observe().SourceException : null;

    /// <summary>Completes the future successfully. On a <see cref="Future{T}"/> the result is
    /// <c>default</c>.</summary>
    /// <returns>False if the future was already done.</returns>
    /// <exception cref="InvalidOperationException">Coro made this future and completes it itself (a
    /// coroutine's, a combinator's, a timer's, a primitive's waiting future); from outside, only
    /// <see cref="Cancel"/> ends it. Thrown whether the future is done or not.</exception>
    public bool TrySetResult()
    {
        EnsureCompletedByUser();
        return TrySucceed();
    }

    /// <summary>Completes the future successfully.</summary>
    /// <exception cref="InvalidOperationException">The future is already done, or Coro made it and
    /// completes it itself.</exception>
    public void SetResult()
    {
        if (!TrySetResult())
        {
            ThrowAlreadyDone();
        }
    }

    /// <summary>Completes the future with <paramref name="exception"/>, capturing its stack trace.</summary>
    /// <returns>False if the future was already done.</returns>
    /// <exception cref="InvalidOperationException">Coro made this future and completes it itself.</exception>
    public bool TrySetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        EnsureCompletedByUser();
        return TryFail(exception);
    }

    /// <summary>Completes the future with <paramref name="exception"/>, capturing its stack trace.</summary>
    /// <exception cref="InvalidOperationException">The future is already done, or Coro made it and
    /// completes it itself.</exception>
    public void SetException(Exception exception)
    {
        if (!TrySetException(exception))
        {
            ThrowAlreadyDone();
        }
    }

    /// <summary>The runtime's own way to succeed, for every kind of future: no owner check.</summary>
    internal bool TrySucceed()
    {
        if (!TryBeginCompletion())
        {
            return false;
        }

        FinishCompletion(StateSucceeded);
        return true;
    }

    /// <summary>The runtime's own way to fault, for every kind of future: no owner check.</summary>
    internal bool TryFail(Exception exception) => TrySetException(ExceptionDispatchInfo.Capture(exception));

    internal bool TrySetException(ExceptionDispatchInfo exception)
    {
        if (!TryBeginCompletion())
        {
            return false;
        }

        _error = new ExceptionHolder(exception);
        FinishCompletion(StateFaulted);
        return true;
    }

    /// <summary>
    /// The one rule for who completes a future: its user, if the user made it
    /// (<c>new Future()</c>, <c>new Future&lt;T&gt;()</c>); Coro alone, if Coro made it (a
    /// coroutine's, a combinator's, a timer's, a primitive's waiting future), as asyncio's
    /// <c>Task.set_result</c> raises. From outside, <see cref="Cancel"/> is the only way to end one
    /// of Coro's. Completing one is misuse, not a race to lose quietly, so even the <c>Try</c>
    /// forms throw, whether the future is done or not, and nothing changes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Coro made this future.</exception>
    private protected void EnsureCompletedByUser()
    {
        if (Kind != FutureKind.Plain)
        {
            ThrowNotTheOwner();
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] // keeps the message off the hot path
    private void ThrowNotTheOwner() => throw new InvalidOperationException(
        (Kind == FutureKind.Coroutine
            ? $"This is the future of coroutine {Description}, and only its body ends it, by finishing, returning or throwing. "
            : $"This is the future of {Description}, and only Coro completes it. ") +
        "From outside, Cancel() is the only way to end it. To complete a future yourself, make one with new Future() or new Future<T>().");

    /// <summary>
    /// Cancels the future if it is still pending, and passes the cancellation on: a coroutine's
    /// future stops its body (cancels the future the body waits on and disposes the body, so its
    /// <c>finally</c> blocks run), a combinator cancels what it waits on, a timer is disposed.
    /// Called on the coroutine's loop, the body is stopped before this returns; called from another
    /// thread, the stop is the loop's next callback. Thread-safe.
    /// </summary>
    /// <returns>True if this call cancelled the future; false if it was already done.</returns>
    /// <exception cref="Exception">What a <c>finally</c> block threw while a body was stopped here
    /// (one exception as itself, several as an <see cref="AggregateException"/>); the future is
    /// cancelled all the same, and everything else was still cancelled.</exception>
    public bool Cancel()
    {
        if (!TryBeginCompletion())
        {
            return false;
        }

        FinishCancellation(null, passOn: true);
        return true;
    }

    /// <summary>Ends the future cancelled because what it stood for was cancelled (a child, a task,
    /// a token), without passing the cancellation on as <see cref="Cancel"/> does.</summary>
    internal bool TrySetCanceled(OperationCanceledException? reason)
    {
        if (!TryBeginCompletion())
        {
            return false;
        }

        FinishCancellation(reason, passOn: false);
        return true;
    }

    private void FinishCancellation(OperationCanceledException? reason, bool passOn)
    {
        _error = reason;

        // A group is done only once its children have ended (their finally blocks see it not yet
        // done). Every other future is done before it passes the cancellation on: a coroutine
        // cancelled from another thread posts its stop, and the loop may run that stop before this
        // thread returns; the stop must find the coroutine done.
        bool doneAfterPassingOn = passOn && this is CoroutineGroup;
        if (!doneAfterPassingOn)
        {
            Volatile.Write(ref _state, StateCanceled);
        }

        try
        {
            // Before the callbacks, so whoever waits on this future finds the cleanup done.
            if (passOn)
            {
                OnCanceled();
            }
        }
        finally
        {
            if (doneAfterPassingOn)
            {
                Volatile.Write(ref _state, StateCanceled);
            }

            RunContinuations();
        }
    }

    /// <summary>
    /// Runs <paramref name="callback"/> with this future once it is done: on the thread that
    /// completes it, or at once on this thread if it is done already.
    /// </summary>
    public void AddDoneCallback(Action<Future> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!TryAddContinuation(callback))
        {
            callback(this);
        }
    }

    /// <summary>Called by <see cref="Cancel"/> once the state is Canceled, before the callbacks run;
    /// subclasses pass the cancellation on (to a timer, the futures a combinator waits on).</summary>
    private protected virtual void OnCanceled()
    {
    }

    /// <summary>Called when a future this one registered on with
    /// <see cref="TryAddContinuation"/> completes. Runs on the thread that completed it.</summary>
    internal virtual void OnDependencyDone(Future completed)
    {
    }

    /// <summary>
    /// Called when the coroutine that waited for this future was stopped after the future succeeded
    /// but before the body could read the result. A future that handed out something that must not
    /// be lost (a queue's item, a semaphore's permit) gives it back; views pass it to what they view.
    /// </summary>
    internal virtual void OnResultAbandoned()
    {
    }

    /// <summary>The result as an object, for code that does not know the result type.</summary>
    internal virtual object? BoxedResult => null;

    /// <summary>Throws what a non-successful future holds: the original exception with its stack
    /// trace, an <see cref="OperationCanceledException"/>, or a hint to yield a pending future.</summary>
    [StackTraceHidden]
    internal void ThrowIfNotSucceeded()
    {
        switch (Volatile.Read(ref _state))
        {
            case StateSucceeded:
                return;
            case StateFaulted:
                ((ExceptionHolder)_error!).Observe().Throw();
                return;
            case StateCanceled:
                throw CancellationException();
            default:
                throw new InvalidOperationException(
                    "This future is not done yet. Inside a coroutine, yield it first (yield return future;) " +
                    "and read its result after the yield; in async code, await it.");
        }
    }

    /// <summary>The exception a canceled future stands for.</summary>
    internal OperationCanceledException CancellationException() =>
        _error as OperationCanceledException ?? new OperationCanceledException("The future was cancelled.");

    /// <summary>The captured exception of a faulted future, marked as observed.</summary>
    internal ExceptionDispatchInfo ObserveException() => ((ExceptionHolder)_error!).Observe();

    /// <summary>Marks a failure as seen without rethrowing it (Future.All does this for the failures it
    /// does not report).</summary>
    internal void MarkObserved()
    {
        if (IsFaulted)
        {
            ((ExceptionHolder)_error!).Observe();
        }
    }

    /// <summary>See <c>Future&lt;T&gt;.SetResultUnshared</c>.</summary>
    private protected void SetStateUnshared(int finalState)
    {
        Debug.Assert(_state == StatePending && _continuation is null, "a shared future must complete atomically");
        _state = finalState;
    }

    private protected bool TryBeginCompletion() =>
        Interlocked.CompareExchange(ref _state, StateCompleting, StatePending) == StatePending;

    private protected void FinishCompletion(int finalState)
    {
        Volatile.Write(ref _state, finalState);
        RunContinuations();
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private protected static void ThrowAlreadyDone() =>
        throw new InvalidOperationException("The future is already done; a future completes only once.");
}

using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>A <see cref="Future"/> that succeeds with a value of type <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The type of the result.</typeparam>
public partial class Future<T> : Future
{
    private T _result = default!;

    /// <summary>Creates a pending future; complete it with <see cref="SetResult(T)"/>,
    /// <see cref="Future.SetException"/> or <see cref="Future.Cancel"/>.</summary>
    public Future()
    {
    }

    /// <summary>Creates a pending future of a special kind: one Coro completes itself
    /// (<see cref="FutureKind.Owned"/>), or a coroutine's own.</summary>
    internal Future(FutureKind kind)
        : base(kind, succeeded: false)
    {
    }

    /// <summary>Creates a future that has already succeeded with <paramref name="result"/>.</summary>
    internal Future(T result, FutureKind kind = FutureKind.Plain)
        : base(kind, succeeded: true)
    {
        _result = result;
    }

    /// <summary>
    /// The result. Never blocks: on a pending future it throws <see cref="InvalidOperationException"/>
    /// (yield the future first); on a faulted one it rethrows the original exception with its stack
    /// trace; on a cancelled one it throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public T Result
    {
        [System.Diagnostics.StackTraceHidden]
        get
        {
            if (!IsSucceeded)
            {
                ThrowIfNotSucceeded();
            }

            return _result;
        }
    }

    /// <summary>The result of a future known to have succeeded.</summary>
    internal T ResultUnchecked => _result;

    internal override object? BoxedResult => _result;

    /// <summary>Completes the future with <paramref name="result"/>.</summary>
    /// <returns>False if the future was already done.</returns>
    /// <exception cref="InvalidOperationException">Coro made this future and completes it itself
    /// (see <see cref="Future.TrySetResult()"/>).</exception>
    public bool TrySetResult(T result)
    {
        EnsureCompletedByUser();
        return TrySucceed(result);
    }

    /// <summary>The runtime's own way to succeed, for every kind of future: no owner check.</summary>
    internal bool TrySucceed(T result)
    {
        if (!TryBeginCompletion())
        {
            return false;
        }

        _result = result;
        FinishCompletion(StateSucceeded);
        return true;
    }

    /// <summary>
    /// Completes a future that no other code can see yet, so nobody can race to complete it or be
    /// waiting on it: plain writes instead of the two atomic operations of <see cref="TrySetResult(T)"/>.
    /// A coroutine that finishes inside its wrapper's first step is completed this way.
    /// </summary>
    private protected void SetResultUnshared(T result)
    {
        _result = result;
        SetStateUnshared(StateSucceeded);
    }

    /// <summary>Completes the future with <paramref name="result"/>.</summary>
    /// <exception cref="InvalidOperationException">The future is already done, or Coro made it and
    /// completes it itself.</exception>
    public void SetResult(T result)
    {
        if (!TrySetResult(result))
        {
            ThrowAlreadyDone();
        }
    }

    /// <summary>Completes this future the way <paramref name="source"/> completed: its result (if it
    /// is a <see cref="Future{T}"/>, else default), its exception (observing it there) or cancellation.</summary>
    internal bool TrySetOutcomeOf(Future source)
    {
        if (source.IsSucceeded)
        {
            return TrySucceed(source is Future<T> typed ? typed.ResultUnchecked : default!);
        }

        if (source.IsFaulted)
        {
            ExceptionDispatchInfo exception = source.ObserveException();
            return TrySetException(exception);
        }

        return TrySetCanceled(source.CancellationException());
    }
}

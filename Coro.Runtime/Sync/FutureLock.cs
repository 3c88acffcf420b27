namespace Coro;

/// <summary>
/// A lock for coroutines (Tornado's <c>locks.Lock</c>): one holder at a time, others wait in line.
/// <see cref="Acquire"/> returns a future that completes when the lock is yours; unlock with
/// <see cref="Release"/> or by disposing the future's result. Named so that it does not clash with
/// <c>System.Threading.Lock</c> (.NET 9); unlike that one it is not re-entrant and does not block a
/// thread: a coroutine that waits for it lets the loop run others.
/// </summary>
/// <remarks>
/// <para>Waiters get the lock in the order they asked for it; a waiter whose future is cancelled
/// (directly, by <see cref="Future.WithTimeout"/>, or because its coroutine was cancelled) is
/// skipped.</para>
/// <para>Thread affinity: a lock belongs to the thread it is first used on while an event loop runs
/// there; call its methods on that loop's thread (a call from another thread throws
/// <see cref="InvalidOperationException"/>). It guards coroutines of that loop against each other,
/// not threads.</para>
/// <para>Inside a coroutine:
/// <code>
/// Future&lt;IDisposable&gt; held = gate.Acquire();
/// yield return held;
/// using (held.Result)
/// {
///     ... // no other coroutine holds the lock here, even across yields
/// }
/// </code></para>
/// </remarks>
public sealed class FutureLock
{
    private readonly FutureSemaphore _semaphore = new(1, nameof(FutureLock));

    /// <summary>Creates a lock that nobody holds.</summary>
    public FutureLock()
    {
    }

    /// <summary>True while some coroutine holds the lock.</summary>
    public bool IsHeld => _semaphore.Available == 0;

    /// <summary>
    /// A future that completes when the lock is yours: at once if nobody holds it or waits for it.
    /// Its result unlocks when disposed (once; disposing it again does nothing). Cancelling the
    /// future before it completes withdraws the request.
    /// </summary>
    /// <param name="timeout">How long to wait at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits for as long as it takes. When it passes first,
    /// the future faults with <see cref="TimeoutException"/> and the request is withdrawn.</param>
    /// <exception cref="InvalidOperationException">Called on a thread other than the lock's loop's,
    /// or with a timeout and no loop running on this thread.</exception>
    public Future<IDisposable> Acquire(TimeSpan? timeout = null) => _semaphore.Acquire(timeout);

    /// <summary>Takes the lock if nobody holds it or waits for it, without waiting.</summary>
    /// <returns>True if the lock is now yours; unlock it with <see cref="Release"/>.</returns>
    public bool TryAcquire() => _semaphore.TryAcquire();

    /// <summary>Unlocks; the coroutine that has waited longest gets the lock next.</summary>
    /// <exception cref="InvalidOperationException">Nobody holds the lock.</exception>
    public void Release()
    {
        _semaphore.CheckReleaseThread(); // a call from another thread is that mistake, not this one
        if (!IsHeld)
        {
            throw new InvalidOperationException("FutureLock.Release was called, but nobody holds the lock.");
        }

        _semaphore.Release();
    }
}

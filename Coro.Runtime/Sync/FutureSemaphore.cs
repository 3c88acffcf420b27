namespace Coro;

/// <summary>
/// A counter of permits that coroutines wait for (Tornado's <c>locks.BoundedSemaphore</c>): at most
/// <see cref="Limit"/> holders at a time. <see cref="Acquire"/> returns a future that completes when
/// a permit is yours; give it back with <see cref="Release"/> or by disposing the future's result.
/// Named so that it does not clash with <see cref="System.Threading.Semaphore"/>.
/// </summary>
/// <remarks>
/// <para>Waiters are served first come, first served. A waiter whose future is cancelled (directly,
/// by <see cref="Future.WithTimeout"/>, or because its coroutine was cancelled while it waited) is
/// skipped and never holds a permit.</para>
/// <para>Thread affinity: a semaphore belongs to one <see cref="EventLoop"/>; call its members on that
/// loop's thread. It takes no locks.</para>
/// <para>Inside a coroutine:
/// <code>
/// Future&lt;IDisposable&gt; permit = semaphore.Acquire();
/// yield return permit;
/// using (permit.Result)
/// {
///     ... // at most Limit coroutines run this at once
/// }
/// </code></para>
/// <para>A permit granted to a coroutine that is stopped before it resumes (cancelled, or its loop
/// closing) goes back by itself: the stop hands the permit it never read to the next waiter, as
/// docs/semantics.md's stop protocol says. A permit the body did read is its to release.</para>
/// </remarks>
public sealed class FutureSemaphore
{
    private readonly WaiterList<IDisposable> _waiters = new();
    private readonly string _acquireDescription;

    /// <summary>Creates a semaphore with <paramref name="limit"/> permits, all available.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public FutureSemaphore(int limit)
        : this(limit, "FutureSemaphore.Acquire")
    {
    }

    /// <param name="limit">The number of permits.</param>
    /// <param name="acquireDescription">What a coroutine waiting for a permit waits on, in
    /// <see cref="CoroutineInfo.WaitingOn"/> (a <see cref="FutureLock"/> is one permit).</param>
    internal FutureSemaphore(int limit, string acquireDescription)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
        Available = limit;
        _acquireDescription = acquireDescription;
    }

    /// <summary>The number of permits: the most holders there can be at once.</summary>
    public int Limit { get; }

    /// <summary>The number of permits free right now.</summary>
    public int Available { get; private set; }

    /// <summary>How many acquirers wait for a permit.</summary>
    public int WaitingCount => _waiters.Count;

    /// <summary>
    /// A future that completes when a permit is yours: at once if one is free and nobody waits
    /// before you. Its result gives the permit back when disposed (once; disposing it again does
    /// nothing). Cancelling the future before it completes withdraws the request.
    /// </summary>
    public Future<IDisposable> Acquire()
    {
        var permit = new Permit(this);
        if (Available > 0 && _waiters.Count == 0)
        {
            Available--;
            permit.TrySucceed(permit);
        }
        else
        {
            _waiters.Add(permit);
        }

        return permit;
    }

    /// <summary>Takes a permit if one is free and nobody waits for one, without waiting.</summary>
    /// <returns>True if a permit is now yours; give it back with <see cref="Release"/>.</returns>
    public bool TryAcquire()
    {
        if (Available > 0 && _waiters.Count == 0)
        {
            Available--;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Gives a permit back. If coroutines wait, the one that has waited longest gets it (it resumes
    /// on the loop).
    /// </summary>
    /// <exception cref="InvalidOperationException">Every permit is already free: more releases than
    /// acquires.</exception>
    public void Release()
    {
        if (Available >= Limit)
        {
            throw new InvalidOperationException(
                $"FutureSemaphore released too many times: all {Limit} permits are already free. " +
                "Release each permit once, either with Release() or by disposing the result of Acquire().");
        }

        Available++;
        GrantToWaiters();
    }

    /// <summary>Hands free permits to waiters, skipping any whose future was cancelled.</summary>
    private void GrantToWaiters()
    {
        while (Available > 0 && _waiters.TakeFirst() is { } waiter)
        {
            // The count drops before the waiter's callbacks run, so they see the permit as taken;
            // if the waiter turns out to be cancelled, no callback ran and the permit goes on.
            Available--;
            if (!waiter.TrySucceed((Permit)waiter))
            {
                Available++;
            }
        }
    }

    /// <summary>A request for a permit; once granted, its own result, which releases it once.</summary>
    private sealed class Permit(FutureSemaphore semaphore) : Waiter<IDisposable>, IDisposable
    {
        private bool _released;

        internal override string Description => semaphore._acquireDescription;

        /// <summary>Granted to a coroutine that was cancelled before it resumed: the permit goes back.</summary>
        internal override void OnResultAbandoned() => Dispose();

        public void Dispose()
        {
            if (!_released && IsSucceeded)
            {
                _released = true;
                semaphore.Release();
            }
        }
    }
}

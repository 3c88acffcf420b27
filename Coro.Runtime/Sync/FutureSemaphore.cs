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
/// <para>Thread affinity: a semaphore belongs to the thread it is first used on while an event loop
/// runs there; call its methods on that loop's thread. It takes no locks, and a call from another
/// thread throws <see cref="InvalidOperationException"/> (post the call to the loop instead).</para>
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
    private readonly string _tryAcquireName;
    private readonly string _releaseName;
    private LoopAffinity _affinity;

    /// <summary>Creates a semaphore with <paramref name="limit"/> permits, all available.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is negative.</exception>
    public FutureSemaphore(int limit)
        : this(limit, nameof(FutureSemaphore))
    {
    }

    /// <param name="limit">The number of permits.</param>
    /// <param name="typeName">The type the user called, for what a coroutine waiting for a permit
    /// waits on (<see cref="CoroutineInfo.WaitingOn"/>) and for errors (a <see cref="FutureLock"/>
    /// is one permit).</param>
    internal FutureSemaphore(int limit, string typeName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
        Available = limit;
        _acquireDescription = typeName + ".Acquire";
        _tryAcquireName = typeName + ".TryAcquire";
        _releaseName = typeName + ".Release";
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
    /// <param name="timeout">How long to wait at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits for as long as it takes. When it passes first,
    /// the future faults with <see cref="TimeoutException"/> and the request is withdrawn: no
    /// permit is taken.</param>
    /// <exception cref="InvalidOperationException">Called on a thread other than the semaphore's
    /// loop's, or with a timeout and no loop running on this thread.</exception>
    public Future<IDisposable> Acquire(TimeSpan? timeout = null)
    {
        _affinity.Check(_acquireDescription);
        TimeSpan? limit = Waiter<IDisposable>.CheckTimeout(timeout, _acquireDescription);
        if (Available > 0 && _waiters.Count == 0)
        {
            Available--;
            return new GrantedPermit(this); // half the size of a waiter: L1's uncontended acquire
        }

        return (Permit)new Permit(this).WaitAtMost(_waiters, limit);
    }

    /// <summary>Takes a permit if one is free and nobody waits for one, without waiting.</summary>
    /// <returns>True if a permit is now yours; give it back with <see cref="Release"/>.</returns>
    public bool TryAcquire()
    {
        _affinity.Check(_tryAcquireName);
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
    /// acquires; or called on a thread other than the semaphore's loop's.</exception>
    public void Release()
    {
        CheckReleaseThread();
        if (Available >= Limit)
        {
            throw new InvalidOperationException(
                $"FutureSemaphore released too many times: all {Limit} permits are already free. " +
                "Release each permit once, either with Release() or by disposing the result of Acquire().");
        }

        Available++;
        GrantToWaiters();
    }

    /// <summary>The thread check of <see cref="Release"/>, for a caller that checks more first.</summary>
    internal void CheckReleaseThread() => _affinity.Check(_releaseName);

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

    /// <summary>Gives back the permit of <paramref name="permit"/>, once, if it was granted.</summary>
    private void ReleaseOnce(Future permit, ref bool released)
    {
        CheckReleaseThread(); // before anything changes
        if (!released && permit.IsSucceeded)
        {
            released = true;
            Release();
        }
    }

    /// <summary>A request for a permit that had to wait; once granted, its own result, which
    /// releases it once.</summary>
    private sealed class Permit(FutureSemaphore semaphore) : Waiter<IDisposable>, IDisposable
    {
        private bool _released;

        internal override string Description => semaphore._acquireDescription;

        /// <summary>Granted to a coroutine that was cancelled before it resumed: the permit goes back.</summary>
        internal override void OnResultAbandoned() => Dispose();

        public void Dispose() => semaphore.ReleaseOnce(this, ref _released);
    }

    /// <summary>A permit granted at once: a done future that is its own result, with none of a
    /// waiter's line links, loop or timer.</summary>
    private sealed class GrantedPermit : Future<IDisposable>, IDisposable
    {
        private readonly FutureSemaphore _semaphore;
        private bool _released;

        public GrantedPermit(FutureSemaphore semaphore)
            : base(FutureKind.Owned)
        {
            _semaphore = semaphore;
            TrySucceed(this);
        }

        internal override void OnResultAbandoned() => Dispose();

        public void Dispose() => _semaphore.ReleaseOnce(this, ref _released);
    }
}

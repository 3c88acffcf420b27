namespace Coro;

/// <summary>
/// A flag coroutines can wait for (Tornado's <c>locks.Event</c>): <see cref="Wait"/> returns a future
/// that completes once the event is set. Named so that it does not clash with
/// <c>System.Threading</c>'s event types.
/// </summary>
/// <remarks>
/// <para>Thread affinity: like the rest of Tornado's <c>locks</c>, a <see cref="FutureEvent"/> belongs
/// to one thread, the one it is first used on while an event loop runs there. Call its methods on
/// that loop's thread (from a coroutine, or a callback the loop runs); it takes no locks, and a call
/// from another thread throws <see cref="InvalidOperationException"/>. From another thread,
/// <see cref="EventLoop.Post"/> a callback that calls it.</para>
/// <para>Example:
/// <code>
/// yield return ready.Wait();                          // suspends until someone calls ready.Set()
/// yield return ready.Wait(TimeSpan.FromSeconds(5));   // ... or faults with TimeoutException after 5 s
/// </code></para>
/// </remarks>
public sealed class FutureEvent
{
    private WaiterList<NoResult> _waiters = new();
    private LoopAffinity _affinity;

    /// <summary>Creates an event that is not set.</summary>
    public FutureEvent()
    {
    }

    /// <summary>True while the event is set.</summary>
    public bool IsSet { get; private set; }

    /// <summary>
    /// Sets the event: every coroutine waiting in <see cref="Wait"/> is woken (they resume on the
    /// loop, in the order they began to wait), and later calls to <see cref="Wait"/> complete at
    /// once until <see cref="Clear"/> is called. Setting a set event does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called on a thread other than the event's loop's.</exception>
    public void Set()
    {
        _affinity.Check("FutureEvent.Set");
        if (IsSet)
        {
            return;
        }

        IsSet = true;
        if (_waiters.Count == 0)
        {
            return;
        }

        // Take the whole list first: a callback that clears the event and waits again joins a new
        // list instead of this one.
        WaiterList<NoResult> waiters = _waiters;
        _waiters = new WaiterList<NoResult>();
        while (waiters.TakeFirst() is { } waiter)
        {
            waiter.TrySucceed();
        }
    }

    /// <summary>Resets the event, so that <see cref="Wait"/> waits again until the next <see cref="Set"/>.</summary>
    /// <exception cref="InvalidOperationException">Called on a thread other than the event's loop's.</exception>
    public void Clear()
    {
        _affinity.Check("FutureEvent.Clear");
        IsSet = false;
    }

    /// <summary>
    /// A future that completes when the event is set: at once if it is set now. Cancelling the
    /// future (or the coroutine waiting on it) stops the wait.
    /// </summary>
    /// <param name="timeout">How long to wait at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits for as long as it takes. When it passes first,
    /// the future faults with <see cref="TimeoutException"/> and the wait is withdrawn.</param>
    /// <exception cref="InvalidOperationException">Called on a thread other than the event's loop's,
    /// or with a timeout and no loop running on this thread.</exception>
    public Future Wait(TimeSpan? timeout = null)
    {
        _affinity.Check("FutureEvent.Wait");
        TimeSpan? limit = Waiter<NoResult>.CheckTimeout(timeout, "FutureEvent.Wait");
        if (IsSet)
        {
            return Future.Completed;
        }

        return new EventWaiter().WaitAtMost(_waiters, limit);
    }

    /// <summary>A coroutine waiting for the event to be set.</summary>
    private sealed class EventWaiter : Waiter<NoResult>
    {
        internal override string Description => "FutureEvent.Wait";
    }
}

namespace Coro;

/// <summary>
/// A condition coroutines wait on until another notifies them (Tornado's <c>locks.Condition</c>):
/// <see cref="Wait"/> returns a future that completes with <c>true</c> when
/// <see cref="Notify"/> or <see cref="NotifyAll"/> wakes it, or with <c>false</c> when its timeout
/// passed first. Unlike a <see cref="FutureEvent"/> it has no state: a notification wakes only those
/// waiting at that moment.
/// </summary>
/// <remarks>
/// <para>Waiters are woken in the order they began to wait. A waiter that timed out or was
/// cancelled (directly, or because its coroutine was cancelled) has left the line and does not count
/// towards <see cref="Notify"/>'s <c>n</c>; a notified waiter whose coroutine is cancelled before it
/// resumed passes its notification to the next waiter.</para>
/// <para>Thread affinity: a condition belongs to the thread it is first used on while an event loop
/// runs there; call its methods on that loop's thread (a call from another thread throws
/// <see cref="InvalidOperationException"/>; post the call to the loop instead).</para>
/// <para>A consumer that waits for work with a deadline:
/// <code>
/// Future&lt;bool&gt; woken = condition.Wait(TimeSpan.FromSeconds(1));
/// yield return woken;
/// if (!woken.Result) { ... timed out ... }
/// </code></para>
/// </remarks>
public sealed class FutureCondition
{
    private readonly WaiterList<bool> _waiters = new();
    private LoopAffinity _affinity;

    /// <summary>Creates a condition nobody waits on.</summary>
    public FutureCondition()
    {
    }

    /// <summary>How many coroutines wait to be notified.</summary>
    public int WaitingCount => _waiters.Count;

    /// <summary>
    /// A future that completes with <c>true</c> when this waiter is notified, or with <c>false</c>
    /// when <paramref name="timeout"/> passed first (it then left the line). Cancelling the future
    /// (or the coroutine waiting on it) withdraws the wait.
    /// </summary>
    /// <param name="timeout">How long to wait at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits until notified.</param>
    /// <exception cref="InvalidOperationException">Called on a thread other than the condition's
    /// loop's, or with a timeout and no loop running on this thread.</exception>
    public Future<bool> Wait(TimeSpan? timeout = null)
    {
        _affinity.Check("FutureCondition.Wait");
        TimeSpan? limit = Waiter<bool>.CheckTimeout(timeout, "FutureCondition.Wait");
        return new ConditionWaiter(this).WaitAtMost(_waiters, limit);
    }

    /// <summary>Wakes the <paramref name="n"/> coroutines that have waited longest (fewer if fewer
    /// wait); they resume on the loop.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">Called on a thread other than the condition's loop's.</exception>
    public void Notify(int n = 1)
    {
        _affinity.Check("FutureCondition.Notify");
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        Wake(n);
    }

    /// <summary>Wakes every coroutine waiting now (not those that begin to wait while they are woken).</summary>
    /// <exception cref="InvalidOperationException">Called on a thread other than the condition's loop's.</exception>
    public void NotifyAll()
    {
        _affinity.Check("FutureCondition.NotifyAll");
        Wake(_waiters.Count);
    }

    private void Wake(int n)
    {
        // At most as many as wait now: a woken waiter's callback that waits again joins the end of
        // the line, and must not be woken by the same call.
        int present = _waiters.Count;
        while (n > 0 && present-- > 0 && _waiters.TakeFirst() is { } waiter)
        {
            // Fails only for a waiter cancelled on another thread that has not left the line yet.
            if (waiter.TrySucceed(true))
            {
                n--;
            }
        }
    }

    /// <summary>A coroutine waiting to be notified.</summary>
    private sealed class ConditionWaiter(FutureCondition condition) : Waiter<bool>
    {
        internal override string Description => "FutureCondition.Wait";

        private protected override void OnTimedOut(TimeSpan timeout) => TrySucceed(false);

        /// <summary>Notified, but its coroutine was stopped before it resumed: the notification
        /// goes to the next waiter instead of being lost (asyncio's rule; Tornado would lose it).</summary>
        internal override void OnResultAbandoned()
        {
            if (ResultUnchecked)
            {
                condition.Wake(1);
            }
        }
    }
}

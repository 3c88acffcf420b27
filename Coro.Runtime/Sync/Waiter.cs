namespace Coro;

/// <summary>
/// A future handed to a coroutine that must wait its turn at a queue, lock, semaphore, event or
/// condition. It sits in a <see cref="WaiterList{T}"/> until the primitive completes it. Every way
/// out of the line goes through <see cref="WaiterList{T}.Remove"/> at once: served, cancelled
/// (directly, by <see cref="Future.WithTimeout"/>, or by cancelling the coroutine that waits on it)
/// or timed out (<see cref="WaitAtMost"/>). A waiter that left unserved never receives an item or a
/// permit, and the primitive keeps nothing of it.
/// </summary>
/// <remarks>
/// The list belongs to the loop's thread. A cancellation on another thread is moved to the loop;
/// until it runs, the primitive may still dequeue the waiter, but its <c>TrySucceed</c> then
/// fails (the future is already cancelled) and the primitive gives the item or permit to the next
/// waiter instead: nothing is lost either way.
/// </remarks>
internal class Waiter<T> : Future<T>
{
    private protected Waiter()
        : base(FutureKind.Owned)
    {
    }

    private static readonly Action<object?> s_remove = static state => ((Waiter<T>)state!).RemoveFromList();

    private static readonly Action<object?> s_timeOut = static state => ((Waiter<T>)state!).TimeOut();

    // The loop the waiter was created on: where a cancellation from another thread is sent.
    private readonly EventLoop? _loop = EventLoop.Current;

    /// <summary>The list the waiter waits in, or null once it was taken out.</summary>
    internal WaiterList<T>? Owner;

    internal Waiter<T>? Previous;

    internal Waiter<T>? Next;

    // The timer of WaitAtMost while the waiter is in its line; disposed as it leaves.
    private TimerHandle? _timeoutTimer;
    private TimeSpan _timeout;

    /// <summary>
    /// Adds the waiter to <paramref name="line"/>; with a <paramref name="timeout"/>, the loop's
    /// clock takes it out again once that much time has passed and <see cref="OnTimedOut"/> ends it.
    /// Returns the waiter.
    /// </summary>
    internal Waiter<T> WaitAtMost(WaiterList<T> line, TimeSpan? timeout)
    {
        line.Add(this);
        if (timeout is { } limit)
        {
            _timeout = limit;
            _timeoutTimer = _loop!.CallLater(limit, s_timeOut, this);
        }

        return this;
    }

    /// <summary>
    /// Checks a timeout parameter: null or <see cref="Timeout.InfiniteTimeSpan"/> is no timeout; a
    /// timeout needs a loop on this thread, whose clock measures it. Returns the timeout, or null.
    /// </summary>
    internal static TimeSpan? CheckTimeout(TimeSpan? timeout, string member)
    {
        if (timeout is not { } limit || limit == Timeout.InfiniteTimeSpan)
        {
            return null;
        }

        if (limit < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(timeout), limit, $"{member}: a timeout is zero or more, or Timeout.InfiniteTimeSpan (or null) for none.");
        }

        if (EventLoop.Current is null)
        {
            throw new InvalidOperationException(
                $"{member} with a timeout was called with no event loop running on this thread: the loop's clock measures the timeout. " +
                "Call it from a coroutine or a callback of the loop.");
        }

        return limit;
    }

    /// <summary>The timeout passed while the waiter was still in its line: it has left the line;
    /// end it. The default faults it with <see cref="TimeoutException"/>, as
    /// <see cref="Future.WithTimeout"/> would.</summary>
    private protected virtual void OnTimedOut(TimeSpan timeout) =>
        TryFail(new TimeoutException($"{Description} did not complete within {timeout}; the request was withdrawn."));

    private void TimeOut()
    {
        if (Owner is null)
        {
            return; // served or cancelled in the same turn, before its timer ran
        }

        RemoveFromList();
        OnTimedOut(_timeout);
    }

    /// <summary>Called by the list as the waiter leaves it, whichever way.</summary>
    internal void OnLeftLine()
    {
        if (_timeoutTimer is { } timer)
        {
            _timeoutTimer = null;
            timer.Dispose();
        }
    }

    private protected override void OnCanceled()
    {
        if (Owner is null)
        {
            return;
        }

        if (_loop is null || _loop.IsLoopThread)
        {
            RemoveFromList();
        }
        else
        {
            _loop.TryEnqueue(s_remove, this);
        }
    }

    private void RemoveFromList() => Owner?.Remove(this);
}

/// <summary>
/// The waiters of one primitive in arrival order: an intrusive doubly linked list, so that a
/// cancelled waiter leaves in O(1) and waiting costs no allocation beyond the waiter itself.
/// Used only on the loop's thread.
/// </summary>
internal sealed class WaiterList<T>
{
    private Waiter<T>? _first;
    private Waiter<T>? _last;

    /// <summary>How many waiters wait.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="waiter"/> at the end: it is served after everyone already waiting.</summary>
    public void Add(Waiter<T> waiter)
    {
        waiter.Owner = this;
        waiter.Previous = _last;
        waiter.Next = null;
        if (_last is null)
        {
            _first = waiter;
        }
        else
        {
            _last.Next = waiter;
        }

        _last = waiter;
        Count++;
    }

    /// <summary>Takes the waiter that has waited longest, or returns null if none waits.</summary>
    public Waiter<T>? TakeFirst()
    {
        Waiter<T>? first = _first;
        if (first is not null)
        {
            Remove(first);
        }

        return first;
    }

    /// <summary>Takes <paramref name="waiter"/> out, if it is still in this list.</summary>
    public void Remove(Waiter<T> waiter)
    {
        if (waiter.Owner != this)
        {
            return;
        }

        if (waiter.Previous is null)
        {
            _first = waiter.Next;
        }
        else
        {
            waiter.Previous.Next = waiter.Next;
        }

        if (waiter.Next is null)
        {
            _last = waiter.Previous;
        }
        else
        {
            waiter.Next.Previous = waiter.Previous;
        }

        waiter.Owner = null;
        waiter.Previous = null;
        waiter.Next = null;
        Count--;
        waiter.OnLeftLine();
    }
}

namespace Coro;

/// <summary>
/// A future handed to a coroutine that must wait its turn at a queue, lock, semaphore or event.
/// It sits in a <see cref="WaiterList{T}"/> until the primitive completes it; cancelling it (directly,
/// by <see cref="Future.WithTimeout"/>, or by cancelling the coroutine that waits on it) takes it out
/// of the list, so it never receives an item or a permit.
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

    // The loop the waiter was created on: where a cancellation from another thread is sent.
    private readonly EventLoop? _loop = EventLoop.Current;

    /// <summary>The list the waiter waits in, or null once it was taken out.</summary>
    internal WaiterList<T>? Owner;

    internal Waiter<T>? Previous;

    internal Waiter<T>? Next;

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
    }
}

namespace Coro;

/// <summary>
/// A first-in, first-out queue that coordinates producer and consumer coroutines (Tornado's
/// <c>queues.Queue</c>). <see cref="Get"/> returns a future that completes with the next item, waiting
/// while the queue is empty; <see cref="Put"/> returns a future that completes once the item is in,
/// waiting while a bounded queue is full. <see cref="TaskDone"/> and <see cref="Join"/> let a producer
/// wait until every item has been processed. Named so that it does not clash with
/// <see cref="Queue{T}"/>.
/// </summary>
/// <typeparam name="T">The type of the items.</typeparam>
/// <remarks>
/// <para>Fairness: waiting getters receive items, and waiting putters get room, in the order they
/// began to wait. A waiting <see cref="Get"/> or <see cref="Put"/> future that is cancelled (directly,
/// by <see cref="Future.WithTimeout"/>, or because the coroutine waiting on it was cancelled) leaves
/// the line: a cancelled get never receives an item (the item goes to the next getter, or stays in
/// the queue), and a cancelled put never adds its item.</para>
/// <para>Thread affinity: a queue belongs to one <see cref="EventLoop"/>; call its members on that
/// loop's thread (from coroutines or loop callbacks). It takes no locks. To feed it from another
/// thread, <see cref="EventLoop.Post"/> a callback that calls <see cref="TryPut"/>.</para>
/// <para>A worker, in the style of Tornado's web spider:
/// <code>
/// while (true)
/// {
///     Future&lt;string&gt; next = queue.Get();
///     yield return next;
///     try { ... process next.Result ... }
///     finally { queue.TaskDone(); }
/// }
/// </code></para>
/// <para>No item is lost to cancellation: a get cancelled while it waits never takes one, and an
/// item handed to a getter whose coroutine is cancelled before it resumed goes back to the front
/// of the queue (Tornado would lose it).</para>
/// </remarks>
public sealed class FutureQueue<T>
{
    private readonly Queue<T> _items = new();
    private readonly WaiterList<T> _getters = new();
    private readonly WaiterList<NoResult> _putters = new();
    private readonly FutureEvent _finished = new();
    private int _unfinishedTasks;

    /// <summary>Creates a queue that holds at most <paramref name="maxSize"/> items; 0 (the default)
    /// means no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSize"/> is negative.</exception>
    public FutureQueue(int maxSize = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSize);
        MaxSize = maxSize;
        _finished.Set();
    }

    /// <summary>The most items the queue holds; 0 means no limit.</summary>
    public int MaxSize { get; }

    /// <summary>The number of items in the queue now (not counting those handed to getters).</summary>
    public int Count => _items.Count;

    /// <summary>True if the queue holds no items.</summary>
    public bool IsEmpty => _items.Count == 0;

    /// <summary>True if the queue is bounded and holds <see cref="MaxSize"/> items: a put must wait.</summary>
    public bool IsFull => MaxSize > 0 && _items.Count >= MaxSize;

    /// <summary>The number of items put and not yet marked done with <see cref="TaskDone"/>.</summary>
    public int UnfinishedTasks => _unfinishedTasks;

    /// <summary>
    /// Puts <paramref name="item"/> in the queue, or hands it to the getter that has waited longest.
    /// The returned future completes once the item is in: at once unless the queue is full, else
    /// when a get makes room (putters waiting for room are served in order). Cancelling the future
    /// while it waits withdraws the item.
    /// </summary>
    public Future Put(T item)
    {
        if (TryPut(item))
        {
            return Future.Completed;
        }

        var putter = new PendingPut(this, item);
        _putters.Add(putter);
        return putter;
    }

    /// <summary>Puts <paramref name="item"/> in the queue if there is room now, without waiting
    /// (Tornado's <c>put_nowait</c>).</summary>
    /// <returns>False if the queue is full; the item was not added.</returns>
    public bool TryPut(T item)
    {
        if (IsFull)
        {
            return false;
        }

        Accept(item);
        return true;
    }

    /// <summary>
    /// A future that completes with the next item: at once if the queue holds one, else when one is
    /// put (getters waiting for items are served in order). Cancelling the future while it waits
    /// withdraws the request; it then never takes an item. For Tornado's <c>get(timeout)</c>, write
    /// <c>queue.Get().WithTimeout(limit)</c>: on timeout the get is withdrawn.
    /// </summary>
    public Future<T> Get()
    {
        if (TryGet(out T item))
        {
            return new TakenItem(this, item);
        }

        var getter = new PendingGet(this);
        _getters.Add(getter);
        return getter;
    }

    /// <summary>Takes the next item if the queue holds one, without waiting (Tornado's
    /// <c>get_nowait</c>). Taking an item from a full queue lets the putter that has waited longest in.</summary>
    /// <returns>False if the queue is empty.</returns>
    public bool TryGet(out T item)
    {
        if (!_items.TryDequeue(out item!))
        {
            return false;
        }

        // Room was made: the first putter that is still waiting gets it.
        while (!IsFull && _putters.TakeFirst() is PendingPut putter)
        {
            if (putter.TryAccept())
            {
                break;
            }
        }

        return true;
    }

    /// <summary>
    /// Marks one item as processed (Tornado's <c>task_done</c>): call it once per item taken, when the
    /// work on it is finished. When every item put has been marked, <see cref="Join"/> completes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put.</exception>
    public void TaskDone()
    {
        if (_unfinishedTasks <= 0)
        {
            throw new InvalidOperationException(
                "FutureQueue.TaskDone was called more times than items were put; call it once per item taken.");
        }

        if (--_unfinishedTasks == 0)
        {
            _finished.Set();
        }
    }

    /// <summary>
    /// A future that completes when every item put so far has been marked with <see cref="TaskDone"/>
    /// (at once if there is none). Combine with <see cref="Future.WithTimeout"/> to wait for a
    /// limited time.
    /// </summary>
    public Future Join() => _finished.Wait();

    /// <summary>Counts a new item and gives it to the first getter still waiting, or stores it.</summary>
    private void Accept(T item)
    {
        // Counted before any getter's callbacks run, so a getter that finishes at once may TaskDone.
        _unfinishedTasks++;
        _finished.Clear();
        while (_getters.TakeFirst() is { } getter)
        {
            // Fails only for a getter cancelled on another thread that has not left the line yet;
            // the item then goes to the next one.
            if (getter.TrySucceed(item))
            {
                return;
            }
        }

        _items.Enqueue(item);
    }

    /// <summary>
    /// Puts back an item a getter received but never read (its coroutine was cancelled before it
    /// resumed): to the next waiting getter, else at the front of the queue, where it was. The queue
    /// may then hold one item more than <see cref="MaxSize"/> until the next get.
    /// </summary>
    private void GiveBack(T item)
    {
        while (_getters.TakeFirst() is { } getter)
        {
            if (getter.TrySucceed(item))
            {
                return;
            }
        }

        T[] rest = [.. _items];
        _items.Clear();
        _items.Enqueue(item);
        foreach (T other in rest)
        {
            _items.Enqueue(other);
        }
    }

    /// <summary>A get that took an item at once. Like a waiting get's, the item goes back if the
    /// coroutine that yielded the get is stopped before it could read it.</summary>
    private sealed class TakenItem(FutureQueue<T> queue, T item) : Future<T>(item, FutureKind.Owned)
    {
        internal override void OnResultAbandoned() => queue.GiveBack(ResultUnchecked);
    }

    /// <summary>A get waiting for an item.</summary>
    private sealed class PendingGet(FutureQueue<T> queue) : Waiter<T>
    {
        internal override string Description => "FutureQueue.Get";

        internal override void OnResultAbandoned() => queue.GiveBack(ResultUnchecked);
    }

    /// <summary>A put waiting for room, with its item.</summary>
    private sealed class PendingPut(FutureQueue<T> queue, T item) : Waiter<NoResult>
    {
        internal override string Description => "FutureQueue.Put";

        /// <summary>Adds the item and completes the put, unless the put was cancelled. The item is
        /// in the queue before the put's callbacks run.</summary>
        public bool TryAccept()
        {
            if (!TryBeginCompletion())
            {
                return false;
            }

            queue.Accept(item);
            FinishCompletion(StateSucceeded);
            return true;
        }
    }
}

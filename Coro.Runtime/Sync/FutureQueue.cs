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
/// <para>Thread affinity: a queue belongs to the thread it is first used on while an event loop runs
/// there; call its methods on that loop's thread (from coroutines or loop callbacks). It takes no
/// locks, and a call from another thread throws <see cref="InvalidOperationException"/> and changes
/// nothing. To feed it from another thread, <see cref="EventLoop.Post"/> a callback that calls
/// <see cref="TryPut"/>.</para>
/// <para>Timeouts: <see cref="Get"/>, <see cref="Put"/> and <see cref="Join"/> take one, measured by
/// the loop's clock; when it passes first the future faults with <see cref="TimeoutException"/> and
/// the request is withdrawn (a get takes nothing, a put adds nothing).</para>
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
    private readonly QueueCore<T, T, FifoStore<T>> _core;

    /// <summary>Creates a queue that holds at most <paramref name="maxSize"/> items; 0 (the default)
    /// means no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxSize"/> is negative.</exception>
    public FutureQueue(int maxSize = 0) => _core = new(maxSize, "FutureQueue");

    /// <summary>The most items the queue holds; 0 means no limit.</summary>
    public int MaxSize => _core.MaxSize;

    /// <summary>The number of items in the queue now (not counting those handed to getters).</summary>
    public int Count => _core.Count;

    /// <summary>True if the queue holds no items.</summary>
    public bool IsEmpty => _core.Count == 0;

    /// <summary>True if the queue is bounded and holds <see cref="MaxSize"/> items: a put must wait.</summary>
    public bool IsFull => _core.IsFull;

    /// <summary>The number of items put and not yet marked done with <see cref="TaskDone"/>.</summary>
    public int UnfinishedTasks => _core.UnfinishedTasks;

    /// <summary>
    /// Puts <paramref name="item"/> in the queue, or hands it to the getter that has waited longest.
    /// The returned future completes once the item is in: at once unless the queue is full, else
    /// when a get makes room (putters waiting for room are served in order). Cancelling the future
    /// while it waits withdraws the item.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="timeout">How long to wait for room at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits for as long as it takes. When it passes first,
    /// the future faults with <see cref="TimeoutException"/> and the item is not added.</param>
    /// <exception cref="InvalidOperationException">Called on a thread other than the queue's loop's,
    /// or with a timeout and no loop running on this thread.</exception>
    public Future Put(T item, TimeSpan? timeout = null) => _core.Put(item, timeout);

    /// <summary>Puts <paramref name="item"/> in the queue if there is room now, without waiting
    /// (Tornado's <c>put_nowait</c>).</summary>
    /// <returns>False if the queue is full; the item was not added.</returns>
    /// <exception cref="InvalidOperationException">Called on a thread other than the queue's loop's.</exception>
    public bool TryPut(T item) => _core.TryPut(item);

    /// <summary>
    /// A future that completes with the next item: at once if the queue holds one, else when one is
    /// put (getters waiting for items are served in order). Cancelling the future while it waits
    /// withdraws the request; it then never takes an item.
    /// </summary>
    /// <param name="timeout">How long to wait for an item at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits for as long as it takes. When it passes first,
    /// the future faults with <see cref="TimeoutException"/> and the get takes nothing.</param>
    /// <exception cref="InvalidOperationException">Called on a thread other than the queue's loop's,
    /// or with a timeout and no loop running on this thread.</exception>
    public Future<T> Get(TimeSpan? timeout = null) => _core.Get(timeout);

    /// <summary>Takes the next item if the queue holds one, without waiting (Tornado's
    /// <c>get_nowait</c>). Taking from a full queue first lets the putter that has waited longest in.</summary>
    /// <returns>False if the queue is empty.</returns>
    /// <exception cref="InvalidOperationException">Called on a thread other than the queue's loop's.</exception>
    public bool TryGet(out T item) => _core.TryGet(out item);

    /// <summary>
    /// Marks one item as processed (Tornado's <c>task_done</c>): call it once per item taken, when the
    /// work on it is finished. When every item put has been marked, <see cref="Join"/> completes.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put, or on a
    /// thread other than the queue's loop's.</exception>
    public void TaskDone() => _core.TaskDone();

    /// <summary>
    /// A future that completes when every item put so far has been marked with <see cref="TaskDone"/>
    /// (at once if there is none).
    /// </summary>
    /// <param name="timeout">How long to wait at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits for as long as it takes. When it passes first,
    /// the future faults with <see cref="TimeoutException"/>.</param>
    /// <exception cref="InvalidOperationException">Called on a thread other than the queue's loop's,
    /// or with a timeout and no loop running on this thread.</exception>
    public Future Join(TimeSpan? timeout = null) => _core.Join(timeout);
}

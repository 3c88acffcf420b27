namespace Coro;

/// <summary>
/// A queue for producer and consumer coroutines that gives out the item of lowest priority first
/// (Tornado's <c>queues.PriorityQueue</c>); items of equal priority come out in the order they were
/// put. Otherwise it is a <see cref="FutureQueue{T}"/>: the same members, fairness among waiters,
/// timeouts, thread affinity and <see cref="TaskDone"/> / <see cref="Join"/>.
/// </summary>
/// <typeparam name="TElement">The type of the items.</typeparam>
/// <typeparam name="TPriority">The type of their priorities, compared with
/// <see cref="Comparer{T}.Default"/>.</typeparam>
/// <remarks>As in Tornado, a get from a full queue first lets the putter that has waited longest in,
/// then takes the lowest priority. An item handed to a getter whose coroutine is cancelled before it
/// resumed goes back in its place.</remarks>
public sealed class FuturePriorityQueue<TElement, TPriority>
{
    private readonly QueueCore<Prioritized<TElement, TPriority>, TElement, PriorityStore<TElement, TPriority>> _core;
    private long _puts; // orders equal priorities

    /// <inheritdoc cref="FutureQueue{T}(int)"/>
    public FuturePriorityQueue(int maxSize = 0) => _core = new(maxSize, "FuturePriorityQueue");

    /// <inheritdoc cref="FutureQueue{T}.MaxSize"/>
    public int MaxSize => _core.MaxSize;

    /// <inheritdoc cref="FutureQueue{T}.Count"/>
    public int Count => _core.Count;

    /// <inheritdoc cref="FutureQueue{T}.IsEmpty"/>
    public bool IsEmpty => _core.Count == 0;

    /// <inheritdoc cref="FutureQueue{T}.IsFull"/>
    public bool IsFull => _core.IsFull;

    /// <inheritdoc cref="FutureQueue{T}.UnfinishedTasks"/>
    public int UnfinishedTasks => _core.UnfinishedTasks;

    /// <summary>
    /// Puts <paramref name="element"/> in the queue with <paramref name="priority"/>, or hands it to
    /// the getter that has waited longest. The returned future completes once the item is in: at
    /// once unless the queue is full, else when a get makes room. Cancelling the future while it
    /// waits withdraws the item.
    /// </summary>
    /// <param name="element">The item.</param>
    /// <param name="priority">Its priority: lower comes out first.</param>
    /// <param name="timeout">How long to wait for room at most, on the loop's clock; null (or
    /// <see cref="Timeout.InfiniteTimeSpan"/>) waits for as long as it takes. When it passes first,
    /// the future faults with <see cref="TimeoutException"/> and the item is not added.</param>
    /// <inheritdoc cref="FutureQueue{T}.Put" path="/exception"/>
    public Future Put(TElement element, TPriority priority, TimeSpan? timeout = null) =>
        _core.Put(new(element, priority, _puts++), timeout);

    /// <summary>Puts <paramref name="element"/> in the queue with <paramref name="priority"/> if there
    /// is room now, without waiting (Tornado's <c>put_nowait</c>).</summary>
    /// <param name="element">The item.</param>
    /// <param name="priority">Its priority: lower comes out first.</param>
    /// <returns>False if the queue is full; the item was not added.</returns>
    /// <inheritdoc cref="FutureQueue{T}.TryPut" path="/exception"/>
    public bool TryPut(TElement element, TPriority priority) => _core.TryPut(new(element, priority, _puts++));

    /// <summary>
    /// A future that completes with the item of lowest priority: at once if the queue holds one, else
    /// when one is put (getters waiting for items are served in the order they began to wait).
    /// Cancelling the future while it waits withdraws the request.
    /// </summary>
    /// <inheritdoc cref="FutureQueue{T}.Get" path="/param"/>
    /// <inheritdoc cref="FutureQueue{T}.Get" path="/exception"/>
    public Future<TElement> Get(TimeSpan? timeout = null) => _core.Get(timeout);

    /// <inheritdoc cref="FutureQueue{T}.TryGet"/>
    public bool TryGet(out TElement item) => _core.TryGet(out item);

    /// <inheritdoc cref="FutureQueue{T}.TaskDone"/>
    public void TaskDone() => _core.TaskDone();

    /// <inheritdoc cref="FutureQueue{T}.Join"/>
    public Future Join(TimeSpan? timeout = null) => _core.Join(timeout);
}

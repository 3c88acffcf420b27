namespace Coro;

/// <summary>
/// A last-in, first-out queue for producer and consumer coroutines (Tornado's <c>queues.LifoQueue</c>):
/// a get takes the item put most recently. Otherwise it is a <see cref="FutureQueue{T}"/>: the same
/// members, fairness among waiters, timeouts, thread affinity and <see cref="TaskDone"/> /
/// <see cref="Join"/>.
/// </summary>
/// <typeparam name="T">The type of the items.</typeparam>
/// <remarks>As in Tornado, a get from a full queue first lets the putter that has waited longest in,
/// and so receives that putter's item. An item handed to a getter whose coroutine is cancelled
/// before it resumed goes back on top.</remarks>
public sealed class FutureLifoQueue<T>
{
    private readonly QueueCore<T, T, LifoStore<T>> _core;

    /// <inheritdoc cref="FutureQueue{T}(int)"/>
    public FutureLifoQueue(int maxSize = 0) => _core = new(maxSize, "FutureLifoQueue");

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

    /// <inheritdoc cref="FutureQueue{T}.Put"/>
    public Future Put(T item, TimeSpan? timeout = null) => _core.Put(item, timeout);

    /// <inheritdoc cref="FutureQueue{T}.TryPut"/>
    public bool TryPut(T item) => _core.TryPut(item);

    /// <summary>
    /// A future that completes with the item put most recently: at once if the queue holds one, else
    /// when one is put (getters waiting for items are served in the order they began to wait).
    /// Cancelling the future while it waits withdraws the request.
    /// </summary>
    /// <inheritdoc cref="FutureQueue{T}.Get" path="/param"/>
    /// <inheritdoc cref="FutureQueue{T}.Get" path="/exception"/>
    public Future<T> Get(TimeSpan? timeout = null) => _core.Get(timeout);

    /// <inheritdoc cref="FutureQueue{T}.TryGet"/>
    public bool TryGet(out T item) => _core.TryGet(out item);

    /// <inheritdoc cref="FutureQueue{T}.TaskDone"/>
    public void TaskDone() => _core.TaskDone();

    /// <inheritdoc cref="FutureQueue{T}.Join"/>
    public Future Join(TimeSpan? timeout = null) => _core.Join(timeout);
}

namespace Coro;

/// <summary>
/// What <see cref="FutureQueue{T}"/>, <see cref="FutureLifoQueue{T}"/> and
/// <see cref="FuturePriorityQueue{TElement, TPriority}"/> share (Tornado's <c>queues.Queue</c> and its
/// subclasses): the getters' and putters' lines, the bound, the count of unfinished tasks and
/// <see cref="Join"/>. Only the order items come out in differs, which <typeparamref name="TStore"/> decides.
/// </summary>
/// <remarks>
/// No item is lost to cancellation: a get withdrawn while it waits never takes one, an item handed
/// to a getter whose coroutine is stopped before it resumed goes back where it was
/// (<see cref="IQueueStore{TEntry, T}.PutBack"/>; Tornado would lose it), and a withdrawn put never
/// adds its item.
/// </remarks>
internal sealed class QueueCore<TEntry, T, TStore>
    where TStore : struct, IQueueStore<TEntry, T>
{
    private readonly TStore _store = new();
    private readonly WaiterList<T> _getters = new();
    private readonly WaiterList<NoResult> _putters = new();
    private readonly FutureEvent _finished = new();
    private readonly MemberNames _names;
    private LoopAffinity _affinity;
    private int _unfinishedTasks;

    public QueueCore(int maxSize, string typeName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxSize);
        MaxSize = maxSize;
        _names = new MemberNames(typeName);
        _finished.Set();
    }

    public int MaxSize { get; }

    public int Count => _store.Count;

    public bool IsFull => MaxSize > 0 && _store.Count >= MaxSize;

    public int UnfinishedTasks => _unfinishedTasks;

    public Future Put(TEntry entry, TimeSpan? timeout)
    {
        _affinity.Check(_names.Put);
        TimeSpan? limit = Waiter<NoResult>.CheckTimeout(timeout, _names.Put);
        if (!IsFull)
        {
            Accept(entry);
            return Future.Completed;
        }

        return new PendingPut(this, entry).WaitAtMost(_putters, limit);
    }

    public bool TryPut(TEntry entry)
    {
        _affinity.Check(_names.TryPut);
        if (IsFull)
        {
            return false;
        }

        Accept(entry);
        return true;
    }

    public Future<T> Get(TimeSpan? timeout)
    {
        _affinity.Check(_names.Get);
        TimeSpan? limit = Waiter<T>.CheckTimeout(timeout, _names.Get);
        if (TryTake(out TEntry entry))
        {
            return new TakenItem(this, entry);
        }

        return new PendingGet(this).WaitAtMost(_getters, limit);
    }

    public bool TryGet(out T item)
    {
        _affinity.Check(_names.TryGet);
        if (TryTake(out TEntry entry))
        {
            item = _store.ElementOf(entry);
            return true;
        }

        item = default!;
        return false;
    }

    public void TaskDone()
    {
        _affinity.Check(_names.TaskDone);
        if (_unfinishedTasks <= 0)
        {
            throw new InvalidOperationException(
                $"{_names.TaskDone} was called more times than items were put; call it once per item taken.");
        }

        if (--_unfinishedTasks == 0)
        {
            _finished.Set();
        }
    }

    public Future Join(TimeSpan? timeout)
    {
        _affinity.Check(_names.Join);
        TimeSpan? limit = Waiter<NoResult>.CheckTimeout(timeout, _names.Join);
        return _finished.Wait(limit);
    }

    /// <summary>
    /// Takes the next entry, as Tornado's <c>get_nowait</c>: a full queue first lets the putter
    /// that has waited longest in, then the entry comes out by the store's order (for a LIFO queue,
    /// the one just let in).
    /// </summary>
    private bool TryTake(out TEntry entry)
    {
        if (_store.Count == 0)
        {
            entry = default!;
            return false;
        }

        while (_putters.TakeFirst() is PendingPut putter)
        {
            if (putter.TryAccept())
            {
                break;
            }
        }

        entry = _store.Take();
        return true;
    }

    /// <summary>Counts a new item and gives it to the first getter still waiting, or stores it.</summary>
    private void Accept(TEntry entry)
    {
        // Counted before any getter's callbacks run, so a getter that finishes at once may TaskDone.
        _unfinishedTasks++;
        _finished.Clear();
        if (!TryHandToGetter(entry))
        {
            _store.Add(entry);
        }
    }

    /// <summary>Puts back an entry a getter received but never read: to the next waiting getter,
    /// else where it was. The queue may then hold one item more than its bound until the next get.</summary>
    private void GiveBack(TEntry entry)
    {
        if (!TryHandToGetter(entry))
        {
            _store.PutBack(entry);
        }
    }

    private bool TryHandToGetter(TEntry entry)
    {
        while (_getters.TakeFirst() is PendingGet getter)
        {
            // Fails only for a getter cancelled on another thread that has not left the line yet;
            // the entry then goes to the next one.
            getter.Received = entry;
            if (getter.TrySucceed(_store.ElementOf(entry)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The names of the members a user calls, for waiting-on descriptions and errors.</summary>
    private sealed class MemberNames(string typeName)
    {
        public readonly string Put = typeName + ".Put";
        public readonly string TryPut = typeName + ".TryPut";
        public readonly string Get = typeName + ".Get";
        public readonly string TryGet = typeName + ".TryGet";
        public readonly string TaskDone = typeName + ".TaskDone";
        public readonly string Join = typeName + ".Join";
    }

    /// <summary>A get that took an entry at once. Like a waiting get's, the entry goes back if the
    /// coroutine that yielded the get is stopped before it could read it.</summary>
    private sealed class TakenItem(QueueCore<TEntry, T, TStore> queue, TEntry entry)
        : Future<T>(queue._store.ElementOf(entry), FutureKind.Owned)
    {
        internal override void OnResultAbandoned() => queue.GiveBack(entry);
    }

    /// <summary>A get waiting for an item.</summary>
    private sealed class PendingGet(QueueCore<TEntry, T, TStore> queue) : Waiter<T>
    {
        /// <summary>The entry handed to it, for giving back.</summary>
        public TEntry Received = default!;

        internal override string Description => queue._names.Get;

        internal override void OnResultAbandoned() => queue.GiveBack(Received);
    }

    /// <summary>A put waiting for room, with its entry.</summary>
    private sealed class PendingPut(QueueCore<TEntry, T, TStore> queue, TEntry entry) : Waiter<NoResult>
    {
        internal override string Description => queue._names.Put;

        /// <summary>Adds the entry and completes the put, unless the put was cancelled. The entry is
        /// in the queue before the put's callbacks run.</summary>
        public bool TryAccept()
        {
            if (!TryBeginCompletion())
            {
                return false;
            }

            queue.Accept(entry);
            FinishCompletion(StateSucceeded);
            return true;
        }
    }
}

namespace Coro;

/// <summary>
/// Where a <see cref="QueueCore{TEntry, T, TStore}"/> keeps the items nobody has taken yet, and in
/// which order they come out: the one thing that differs between Tornado's <c>Queue</c>,
/// <c>LifoQueue</c> and <c>PriorityQueue</c>.
/// </summary>
/// <typeparam name="TEntry">What is stored per item (the item, or the item with its priority).</typeparam>
/// <typeparam name="T">What a get receives.</typeparam>
internal interface IQueueStore<TEntry, T>
{
    int Count { get; }

    void Add(TEntry entry);

    /// <summary>The entry that comes out next.</summary>
    TEntry Take();

    /// <summary>An entry taken by a get whose coroutine never read it: back where it was.</summary>
    void PutBack(TEntry entry);

    T ElementOf(TEntry entry);
}

/// <summary>First in, first out (<see cref="FutureQueue{T}"/>).</summary>
internal readonly struct FifoStore<T>() : IQueueStore<T, T>
{
    private readonly Deque<T> _items = new();

    public int Count => _items.Count;

    public void Add(T entry) => _items.AddLast(entry);

    public T Take() => _items.TakeFirst();

    public void PutBack(T entry) => _items.AddFirst(entry);

    public T ElementOf(T entry) => entry;
}

/// <summary>Last in, first out (<see cref="FutureLifoQueue{T}"/>).</summary>
internal readonly struct LifoStore<T>() : IQueueStore<T, T>
{
    private readonly Deque<T> _items = new();

    public int Count => _items.Count;

    public void Add(T entry) => _items.AddLast(entry);

    public T Take() => _items.TakeLast();

    public void PutBack(T entry) => _items.AddLast(entry);

    public T ElementOf(T entry) => entry;
}

/// <summary>An item of a <see cref="FuturePriorityQueue{TElement, TPriority}"/>, with its priority and
/// the order it was put in (which orders equal priorities).</summary>
internal readonly record struct Prioritized<TElement, TPriority>(TElement Element, TPriority Priority, long Sequence);

/// <summary>Lowest priority first, equal priorities in the order put
/// (<see cref="FuturePriorityQueue{TElement, TPriority}"/>).</summary>
internal readonly struct PriorityStore<TElement, TPriority>() : IQueueStore<Prioritized<TElement, TPriority>, TElement>
{
    // The key's default comparer compares the priority with Comparer<TPriority>.Default, then the sequence.
    private readonly PriorityQueue<TElement, (TPriority Priority, long Sequence)> _items = new();

    public int Count => _items.Count;

    public void Add(Prioritized<TElement, TPriority> entry) => _items.Enqueue(entry.Element, (entry.Priority, entry.Sequence));

    public Prioritized<TElement, TPriority> Take()
    {
        _items.TryPeek(out TElement? element, out var key);
        _items.Dequeue();
        return new Prioritized<TElement, TPriority>(element!, key.Priority, key.Sequence);
    }

    public void PutBack(Prioritized<TElement, TPriority> entry) => Add(entry); // its sequence puts it back in its place

    public TElement ElementOf(Prioritized<TElement, TPriority> entry) => entry.Element;
}

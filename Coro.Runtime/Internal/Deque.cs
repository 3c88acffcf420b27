namespace Coro;

/// <summary>
/// A double-ended queue on a ring of slots that gives memory back: it doubles when full and halves
/// when a quarter full, never below <see cref="MinimumCapacity"/> slots (asyncio's deque gives its
/// blocks back the same way), so a queue that once held a burst does not keep the burst's array.
/// Not thread-safe.
/// </summary>
internal sealed class Deque<T>
{
    internal const int MinimumCapacity = 8;

    private T[] _slots = new T[MinimumCapacity];
    private int _head; // the first item's slot
    private int _count;

    public int Count => _count;

    /// <summary>How many items fit before the ring grows (for tests of the shrink rule).</summary>
    internal int Capacity => _slots.Length;

    public void AddLast(T item)
    {
        GrowIfFull();
        _slots[Slot(_count)] = item;
        _count++;
    }

    public void AddFirst(T item)
    {
        GrowIfFull();
        _head = _head == 0 ? _slots.Length - 1 : _head - 1;
        _slots[_head] = item;
        _count++;
    }

    public T TakeFirst()
    {
        ThrowIfEmpty();
        T item = _slots[_head];
        _slots[_head] = default!; // let it be collected
        _head = Slot(1);
        _count--;
        ShrinkIfSparse();
        return item;
    }

    public T TakeLast()
    {
        ThrowIfEmpty();
        int last = Slot(_count - 1);
        T item = _slots[last];
        _slots[last] = default!;
        _count--;
        ShrinkIfSparse();
        return item;
    }

    private int Slot(int offset)
    {
        int slot = _head + offset;
        return slot >= _slots.Length ? slot - _slots.Length : slot;
    }

    private void GrowIfFull()
    {
        if (_count == _slots.Length)
        {
            Resize(_slots.Length * 2);
        }
    }

    private void ShrinkIfSparse()
    {
        if (_count <= _slots.Length / 4 && _slots.Length > MinimumCapacity)
        {
            Resize(_slots.Length / 2); // each halving is paid for by the takes that emptied 3/4 of it
        }
    }

    private void Resize(int capacity)
    {
        var slots = new T[capacity];
        for (int i = 0; i < _count; i++)
        {
            slots[i] = _slots[Slot(i)];
        }

        _slots = slots;
        _head = 0;
    }

    private void ThrowIfEmpty()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("The deque is empty.");
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Coro.Polyfills;

/// <summary>
/// netstandard2.1 has no <c>PriorityQueue</c> (it arrived in .NET 6): this is the subset the loop's
/// timers use, a binary min-heap with the same contract. Order is decided by the priority alone
/// (the timers' keys are unique), so which heap shape is used cannot be observed.
/// </summary>
internal sealed class PriorityQueue<TElement, TPriority>
{
    private readonly IComparer<TPriority> _comparer = Comparer<TPriority>.Default;
    private (TElement Element, TPriority Priority)[] _nodes;
    private int _count;

    public PriorityQueue()
        : this(0)
    {
    }

    public PriorityQueue(int initialCapacity)
    {
        _nodes = initialCapacity == 0 ? Array.Empty<(TElement, TPriority)>() : new (TElement, TPriority)[initialCapacity];
    }

    public int Count => _count;

    /// <summary>The items in no particular order; a struct enumerator, so no allocation.</summary>
    public ArraySegment<(TElement Element, TPriority Priority)> UnorderedItems => new(_nodes, 0, _count);

    public void Enqueue(TElement element, TPriority priority)
    {
        if (_count == _nodes.Length)
        {
            Array.Resize(ref _nodes, Math.Max(4, _nodes.Length * 2));
        }

        // Sift up: move parents down until the new node's place is found.
        int index = _count++;
        while (index > 0)
        {
            int parent = (index - 1) >> 1;
            if (_comparer.Compare(priority, _nodes[parent].Priority) >= 0)
            {
                break;
            }

            _nodes[index] = _nodes[parent];
            index = parent;
        }

        _nodes[index] = (element, priority);
    }

    public bool TryPeek([MaybeNullWhen(false)] out TElement element, [MaybeNullWhen(false)] out TPriority priority)
    {
        if (_count == 0)
        {
            element = default;
            priority = default;
            return false;
        }

        (element, priority) = _nodes[0];
        return true;
    }

    public TElement Dequeue()
    {
        if (_count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        TElement root = _nodes[0].Element;
        int last = --_count;
        (TElement Element, TPriority Priority) moving = _nodes[last];
        _nodes[last] = default;

        // Sift down the last node from the root: move the smaller child up until it fits.
        int index = 0;
        if (last > 0)
        {
            while (true)
            {
                int child = (index << 1) + 1;
                if (child >= last)
                {
                    break;
                }

                if (child + 1 < last && _comparer.Compare(_nodes[child + 1].Priority, _nodes[child].Priority) < 0)
                {
                    child++;
                }

                if (_comparer.Compare(moving.Priority, _nodes[child].Priority) <= 0)
                {
                    break;
                }

                _nodes[index] = _nodes[child];
                index = child;
            }

            _nodes[index] = moving;
        }

        return root;
    }

    public void Clear()
    {
        // Release the references, as the BCL's does, so cleared timers' callbacks can be collected.
        Array.Clear(_nodes, 0, _count);
        _count = 0;
    }
}

namespace Coro;

/// <summary>
/// The loop's FIFO of callbacks: a chain of fixed-size segments instead of one growing array. A burst
/// of 100,000 resumes (W3) then needs no copying, and no array big enough for the large object heap,
/// whose collections are gen2 collections. One emptied segment is kept for reuse and the others are
/// let go, so the queue gives a burst's memory back as it drains. Not thread-safe: the loop's ready
/// queue is touched only by its thread, the queue of posts from other threads only under the loop's lock.
/// </summary>
internal sealed class WorkQueue
{
    // 256 items of 16 bytes: 4 KB, far below the large object heap's 85,000 bytes.
    private const int SegmentSize = 256;

    private Segment _head = new();
    private Segment _tail;
    private Segment? _spare;
    private int _headIndex;   // next item to take from _head
    private int _tailIndex;   // next free slot in _tail

    public WorkQueue() => _tail = _head;

    public int Count { get; private set; }

    public void Enqueue(EventLoop.WorkItem item)
    {
        if (_tailIndex == SegmentSize)
        {
            Segment next = _spare ?? new Segment();
            _spare = null;
            _tail.Next = next;
            _tail = next;
            _tailIndex = 0;
        }

        _tail.Items[_tailIndex++] = item;
        Count++;
    }

    public EventLoop.WorkItem Dequeue()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The work queue is empty.");
        }

        if (_headIndex == SegmentSize)
        {
            Segment emptied = _head;
            _head = emptied.Next!;
            emptied.Next = null;
            _spare = emptied;
            _headIndex = 0;
        }

        EventLoop.WorkItem item = _head.Items[_headIndex];
        _head.Items[_headIndex++] = default; // let the callback and its state be collected
        Count--;
        if (Count == 0)
        {
            // Empty: start over at the front of the head segment, so a quiet loop reuses one segment.
            _tail = _head;
            _head.Next = null;
            _headIndex = 0;
            _tailIndex = 0;
        }

        return item;
    }

    public void Clear()
    {
        while (Count > 0)
        {
            Dequeue();
        }
    }

    private sealed class Segment
    {
        public readonly EventLoop.WorkItem[] Items = new EventLoop.WorkItem[SegmentSize];
        public Segment? Next;
    }
}

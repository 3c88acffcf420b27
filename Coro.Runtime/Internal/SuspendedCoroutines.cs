using System.Collections;

namespace Coro;

/// <summary>A coroutine suspended on a loop, as the loop's list of them sees it.</summary>
internal interface ISuspendedCoroutine
{
    /// <summary>Where the list keeps it, plus one; 0 while it is in no list. Only the list sets it.</summary>
    int SuspendedSlot { get; set; }

    /// <summary>The body, while it is there: what names the coroutine (the watchdog reads it).</summary>
    IEnumerator? Body { get; }

    /// <summary>The closing loop abandons it: cancel it unless it is done, and stop its body.</summary>
    void Close();

    /// <summary>The future it waits on, or null while it runs a step.</summary>
    Future? AwaitedFuture { get; }
}

/// <summary>
/// The coroutines that have waited on a loop and not finished, so that a closing loop can cancel
/// them (asyncio.run does the same), each with the loop's timestamp of the turn in which it last
/// suspended (<see cref="CoroutineInfo.SuspendedFor"/>). Slots in the order they joined, each
/// coroutine holding its own: joining takes the next slot, leaving clears it, and the holes are
/// closed up when the slots run out, so nothing allocates per coroutine and a Runner carries one
/// int for it (two links and a timestamp used to cost it 24 bytes). The slots live in segments of
/// at most <see cref="SegmentSize"/> (the first one grows to that size from small), so 100,000
/// suspended coroutines neither copy their slots as they join nor put them on the large object
/// heap. When the list is a quarter full of its slots beyond the first segment, the holes are closed
/// up and it halves (never below one segment), so a burst of coroutines does not keep its memory.
/// Used only on the loop's thread.
/// </summary>
internal sealed class SuspendedCoroutines : IEnumerable<ISuspendedCoroutine>
{
    private const int SegmentShift = 10;
    private const int SegmentSize = 1 << SegmentShift; // 16 KB of entries: far from the large object heap
    private const int SegmentMask = SegmentSize - 1;

    private Entry[][] _segments = [new Entry[16]];
    private int _capacity = 16;
    private int _end;   // slots in use, holes included; the last one in use is never a hole
    private int _count; // coroutines in the list

    /// <summary>How many slots the list has now (for tests of the shrink rule).</summary>
    internal int Capacity => _capacity;

    /// <summary>How many are in the list; other threads may read it (the metrics' gauge).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Add(ISuspendedCoroutine coroutine, long suspendedAt)
    {
        if (_end == _capacity)
        {
            MakeRoom();
        }

        At(_end) = new Entry(coroutine, suspendedAt);
        coroutine.SuspendedSlot = ++_end;
        _count++;
    }

    /// <summary>Notes that <paramref name="coroutine"/> suspended again (if it is in the list).</summary>
    public void MarkSuspended(ISuspendedCoroutine coroutine, long suspendedAt)
    {
        int slot = coroutine.SuspendedSlot - 1;
        if (slot >= 0)
        {
            At(slot).SuspendedAt = suspendedAt;
        }
    }

    /// <summary>When <paramref name="coroutine"/>, which is in the list, last suspended.</summary>
    public long SuspendedAt(ISuspendedCoroutine coroutine) => At(coroutine.SuspendedSlot - 1).SuspendedAt;

    public void Remove(ISuspendedCoroutine coroutine)
    {
        int slot = coroutine.SuspendedSlot - 1;
        if (slot < 0)
        {
            return; // not in the list
        }

        At(slot) = default;
        coroutine.SuspendedSlot = 0;
        _count--;
        while (_end > 0 && At(_end - 1).Coroutine is null)
        {
            _end--;
        }

        if (_capacity > SegmentSize && _count <= _capacity / 4)
        {
            Shrink();
        }
    }

    /// <summary>The coroutines, newest first. Do not change the list while enumerating it.</summary>
    public IEnumerator<ISuspendedCoroutine> GetEnumerator()
    {
        for (int slot = _end - 1; slot >= 0; slot--)
        {
            if (At(slot).Coroutine is { } coroutine)
            {
                yield return coroutine;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Takes the newest coroutine out of the list.</summary>
    public ISuspendedCoroutine? TakeFirst()
    {
        ISuspendedCoroutine? newest = _end > 0 ? At(_end - 1).Coroutine : null;
        if (newest is not null)
        {
            Remove(newest);
        }

        return newest;
    }

    private ref Entry At(int slot) => ref _segments[slot >> SegmentShift][slot & SegmentMask];

    /// <summary>The slots ran out: close up the holes if they are at least half of them (each move
    /// is paid for by the removals that made the holes), else add room.</summary>
    private void MakeRoom()
    {
        if (_count > _end / 2)
        {
            Grow();
            return;
        }

        CloseHoles();
    }

    /// <summary>Moves every coroutine to the front, in the order they joined.</summary>
    private void CloseHoles()
    {
        int kept = 0;
        for (int slot = 0; slot < _end; slot++)
        {
            if (At(slot).Coroutine is { } coroutine)
            {
                At(kept) = At(slot);
                coroutine.SuspendedSlot = ++kept;
            }
        }

        for (int slot = kept; slot < _end; slot++)
        {
            At(slot) = default;
        }

        _end = kept;
    }

    /// <summary>A quarter full: halve, letting the last segments go (each halving is paid for by the
    /// removals that emptied three quarters of the slots).</summary>
    private void Shrink()
    {
        CloseHoles();
        int capacity = Math.Max(SegmentSize, (_capacity / 2) & ~SegmentMask); // whole segments
        for (int segment = capacity >> SegmentShift; segment < _capacity >> SegmentShift; segment++)
        {
            _segments[segment] = null!;
        }

        _capacity = capacity;
    }

    private void Grow()
    {
        if (_capacity < SegmentSize)
        {
            Array.Resize(ref _segments[0], _capacity * 2); // the first segment doubles, from small
            _capacity *= 2;
            return;
        }

        int segments = _capacity >> SegmentShift;
        if (segments == _segments.Length)
        {
            Array.Resize(ref _segments, segments * 2);
        }

        _segments[segments] = new Entry[SegmentSize];
        _capacity += SegmentSize;
    }

    private struct Entry(ISuspendedCoroutine coroutine, long suspendedAt)
    {
        public readonly ISuspendedCoroutine? Coroutine = coroutine;
        public long SuspendedAt = suspendedAt;
    }
}

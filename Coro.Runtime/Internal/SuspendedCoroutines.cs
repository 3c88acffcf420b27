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
/// suspended (<see cref="CoroutineInfo.SuspendedFor"/>). An array in the order they joined, each
/// coroutine holding its slot: joining appends, leaving clears the slot, and the holes are closed
/// up when the array is full, so nothing allocates per coroutine and a Runner carries one int for
/// it (two links and a timestamp used to cost it 24 bytes). Used only on the loop's thread.
/// </summary>
internal sealed class SuspendedCoroutines : IEnumerable<ISuspendedCoroutine>
{
    private Entry[] _entries = new Entry[16];
    private int _end;   // slots in use, holes included; the last one in use is never a hole
    private int _count; // coroutines in the list

    /// <summary>How many are in the list; other threads may read it (the metrics' gauge).</summary>
    public int Count => Volatile.Read(ref _count);

    public void Add(ISuspendedCoroutine coroutine, long suspendedAt)
    {
        if (_end == _entries.Length)
        {
            MakeRoom();
        }

        _entries[_end] = new Entry(coroutine, suspendedAt);
        coroutine.SuspendedSlot = ++_end;
        _count++;
    }

    /// <summary>Notes that <paramref name="coroutine"/> suspended again (if it is in the list).</summary>
    public void MarkSuspended(ISuspendedCoroutine coroutine, long suspendedAt)
    {
        int slot = coroutine.SuspendedSlot - 1;
        if (slot >= 0)
        {
            _entries[slot].SuspendedAt = suspendedAt;
        }
    }

    /// <summary>When <paramref name="coroutine"/>, which is in the list, last suspended.</summary>
    public long SuspendedAt(ISuspendedCoroutine coroutine) => _entries[coroutine.SuspendedSlot - 1].SuspendedAt;

    public void Remove(ISuspendedCoroutine coroutine)
    {
        int slot = coroutine.SuspendedSlot - 1;
        if (slot < 0)
        {
            return; // not in the list
        }

        _entries[slot] = default;
        coroutine.SuspendedSlot = 0;
        _count--;
        while (_end > 0 && _entries[_end - 1].Coroutine is null)
        {
            _end--;
        }
    }

    /// <summary>The coroutines, newest first. Do not change the list while enumerating it.</summary>
    public IEnumerator<ISuspendedCoroutine> GetEnumerator()
    {
        for (int slot = _end - 1; slot >= 0; slot--)
        {
            if (_entries[slot].Coroutine is { } coroutine)
            {
                yield return coroutine;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Takes the newest coroutine out of the list.</summary>
    public ISuspendedCoroutine? TakeFirst()
    {
        ISuspendedCoroutine? newest = _end > 0 ? _entries[_end - 1].Coroutine : null;
        if (newest is not null)
        {
            Remove(newest);
        }

        return newest;
    }

    /// <summary>The array is full: close up the holes if they are at least half of it (each move
    /// is paid for by the removals that made the holes), else double it.</summary>
    private void MakeRoom()
    {
        if (_count > _end / 2)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
            return;
        }

        int kept = 0;
        for (int slot = 0; slot < _end; slot++)
        {
            if (_entries[slot].Coroutine is { } coroutine)
            {
                _entries[kept] = _entries[slot];
                coroutine.SuspendedSlot = ++kept;
            }
        }

        Array.Clear(_entries, kept, _end - kept);
        _end = kept;
    }

    private struct Entry(ISuspendedCoroutine coroutine, long suspendedAt)
    {
        public readonly ISuspendedCoroutine? Coroutine = coroutine;
        public long SuspendedAt = suspendedAt;
    }
}

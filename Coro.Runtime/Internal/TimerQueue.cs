namespace Coro;

/// <summary>
/// The loop's timers, a heap ordered by deadline and then by the order they were set. Deadlines are
/// timestamps of the loop's clock (<see cref="TimeProvider.GetTimestamp"/>). Used only on the loop's
/// thread; a disposed timer stays in the heap, marked (and emptied of what it would call), until it
/// comes up or the heap is rebuilt. The heap is rebuilt when cancelled timers are many and most of it
/// (Tornado's way), and when it is a quarter full of what it once held: then to twice what is left,
/// never below <see cref="MinimumCapacity"/>, so a burst of timers does not keep its memory.
/// </summary>
internal sealed class TimerQueue
{
    private const int RebuildThreshold = 512;
    private const int MinimumCapacity = 64;

    private readonly long _frequency; // timestamp ticks per second of the loop's clock
    private PriorityQueue<TimerHandle, (long Deadline, long Sequence)> _heap = new();
    private long _nextSequence;
    private int _disposedCount;
    private int _capacity = MinimumCapacity; // at least the heap's array: the most it held since the last rebuild

    public TimerQueue(long frequency) => _frequency = frequency;

    public int Count => _heap.Count;

    /// <summary>At least the heap's array: the most it held since it was last rebuilt (for tests of
    /// the shrink rule).</summary>
    internal int Capacity => _capacity;

    public TimerHandle Add(long now, TimeSpan delay, Delegate callback, object? state)
    {
        long deadline = now + ToTimestampTicks(delay);
        var handle = new TimerHandle(this, deadline, callback, state);
        _heap.Enqueue(handle, (deadline, _nextSequence++));
        if (_heap.Count > _capacity)
        {
            _capacity = _heap.Count;
        }

        return handle;
    }

    /// <summary>Moves the callbacks of every timer due at <paramref name="now"/>, in deadline order,
    /// to the end of the loop's ready queue. Returns the earliest deadline moved (how long the due
    /// work has waited), or <see cref="long.MaxValue"/> if none was.</summary>
    public long MoveDueTo(WorkQueue ready, long now)
    {
        long earliest = long.MaxValue;
        while (_heap.TryPeek(out TimerHandle? handle, out var key) && (key.Deadline <= now || handle.IsDisposed))
        {
            _heap.Dequeue();
            if (handle.TryMarkDue())
            {
                ready.Enqueue(new EventLoop.WorkItem(TimerHandle.Fire, handle));
                earliest = Math.Min(earliest, key.Deadline);
            }
            else
            {
                Interlocked.Decrement(ref _disposedCount);
            }
        }

        RebuildIfSparse();
        return earliest;
    }

    /// <summary>The deadline of the next timer that can still fire (disposed ones at the front are
    /// dropped on the way), or false with no timer pending.</summary>
    public bool TryPeekDeadline(out long deadline)
    {
        while (_heap.TryPeek(out TimerHandle? handle, out var key))
        {
            if (!handle.IsDisposed)
            {
                deadline = key.Deadline;
                return true;
            }

            _heap.Dequeue();
            Interlocked.Decrement(ref _disposedCount);
        }

        RebuildIfSparse();
        deadline = 0;
        return false;
    }

    /// <summary>How long the loop may sleep: -1 with no timers, 0 if one is due.</summary>
    public int MillisecondsUntilNext(long now)
    {
        if (!_heap.TryPeek(out _, out var key))
        {
            return Timeout.Infinite;
        }

        long remaining = key.Deadline - now;
        if (remaining <= 0)
        {
            return 0;
        }

        // Round up: waking a little early would turn into a busy loop of zero-length waits.
        double milliseconds = Math.Ceiling(remaining * 1000.0 / _frequency);
        return milliseconds >= int.MaxValue ? int.MaxValue - 1 : (int)milliseconds;
    }

    public void Clear()
    {
        _heap = new();
        _capacity = MinimumCapacity;
        _disposedCount = 0;
    }

    /// <summary>Called by a handle's Dispose, on any thread.</summary>
    internal void NoteDisposed() => Interlocked.Increment(ref _disposedCount);

    private void RebuildIfSparse()
    {
        if ((_disposedCount > RebuildThreshold && _disposedCount > _heap.Count / 2) ||
            (_capacity > MinimumCapacity && _heap.Count <= _capacity / 4))
        {
            Rebuild();
        }
    }

    private void Rebuild()
    {
        _capacity = Math.Max(MinimumCapacity, (_heap.Count - Volatile.Read(ref _disposedCount)) * 2);
        var live = new PriorityQueue<TimerHandle, (long Deadline, long Sequence)>(_capacity);
        foreach ((TimerHandle handle, (long, long) key) in _heap.UnorderedItems)
        {
            if (!handle.IsDisposed)
            {
                live.Enqueue(handle, key);
            }
        }

        _heap = live;
        Volatile.Write(ref _disposedCount, 0);
    }

    private long ToTimestampTicks(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return 0;
        }

        double ticks = delay.Ticks * ((double)_frequency / TimeSpan.TicksPerSecond);
        return ticks >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)ticks;
    }
}

/// <summary>A timer set with <see cref="EventLoop.CallLater(TimeSpan, Action)"/>; disposing it
/// cancels it. Dispose is thread-safe, and does nothing once the timer has run.</summary>
internal sealed class TimerHandle : IDisposable
{
    private const int Waiting = 0;
    private const int Due = 1;
    private const int Disposed = 2;

    private readonly TimerQueue _queue;
    private Delegate _callback;
    private object? _state;
    private int _status;

    public TimerHandle(TimerQueue queue, long deadline, Delegate callback, object? state)
    {
        _queue = queue;
        Deadline = deadline;
        _callback = callback;
        _state = state;
    }

    /// <summary>Runs a due timer's callback from the loop's ready queue, unless it was disposed
    /// in between: a disposed timer never fires.</summary>
    public static readonly Action<object?> Fire = static state =>
    {
        var handle = (TimerHandle)state!;
        if (Interlocked.CompareExchange(ref handle._status, Disposed, Due) == Due)
        {
            new EventLoop.WorkItem(handle._callback, handle._state).Invoke();
        }
    };

    private static readonly Action s_nothing = static () => { };

    /// <summary>When the timer is due, a timestamp of the loop's clock.</summary>
    public long Deadline { get; }

    public bool IsDisposed => Volatile.Read(ref _status) == Disposed;

    /// <summary>What the timer runs, for the watchdog's name of the step.</summary>
    public EventLoop.WorkItem Work => new(_callback, _state);

    public bool TryMarkDue() => Interlocked.CompareExchange(ref _status, Due, Waiting) == Waiting;

    public void Dispose()
    {
        int previous = Interlocked.Exchange(ref _status, Disposed);
        if (previous == Waiting)
        {
            _queue.NoteDisposed();
        }

        if (previous != Disposed)
        {
            // It will never fire (Fire's exchange fails from now on): until the heap drops the handle,
            // it must not keep what it would have called alive (a withdrawn waiter, a future).
            _callback = s_nothing;
            _state = null;
        }
    }
}

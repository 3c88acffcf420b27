namespace Coro;

public sealed partial class EventLoop
{
    // Callbacks for the loop's thread: _ready is touched only by that thread; other threads go
    // through _incoming under _gate, which the loop moves into _ready at the start of each turn.
    // Both are WorkQueues, whose segments go as they drain: a burst of posts is not kept.
    private readonly WorkQueue _ready = new();
    private readonly WorkQueue _incoming = new();
    private readonly object _gate = new();
    private int _incomingCount;
    private int _threadId = -1;
    private bool _sleeping;
    private bool _closed;
    private volatile bool _stopRequested;
    private long _turnTimestamp;     // this turn's clock reading; 0 until TurnTimestamp reads it
    private long _lastReading;       // the loop's latest clock reading, for RecentTimestamp
    private int _turns;
    private long _previousTurnStart; // for the lag metric, 0 while it is off
    private long _incomingSince;     // for the lag metric: when _incoming last stopped being empty

    /// <summary>
    /// Queues a callback: <paramref name="callback"/> is an <see cref="Action"/>, an
    /// <see cref="Action{T}"/> of object (given <paramref name="state"/>) or a
    /// <see cref="SendOrPostCallback"/>. Thread-safe.
    /// </summary>
    /// <returns>False if the loop has closed; the callback will never run.</returns>
    internal bool TryEnqueue(Delegate callback, object? state)
    {
        if (Environment.CurrentManagedThreadId == _threadId)
        {
            // Posts from other threads that came first go first: FIFO across threads, and the
            // usual case (nothing incoming) costs one volatile read instead of a lock.
            if (Volatile.Read(ref _incomingCount) != 0)
            {
                MoveIncomingToReady();
            }

            _ready.Enqueue(new WorkItem(callback, state));
            return true;
        }

        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            if (_incoming.Count == 0 && CoroMetrics.Lag.Enabled)
            {
                _incomingSince = _clock.GetTimestamp();
            }

            _incoming.Enqueue(new WorkItem(callback, state));
            if (_simulation is not null)
            {
                NoteOutside(_simulation, callback, state); // EventLoop.Simulation.cs: the trace names it
            }

            Volatile.Write(ref _incomingCount, _incoming.Count);
            if (_sleeping)
            {
                Monitor.Pulse(_gate);
            }
        }

        return true;
    }

    /// <summary>How many callbacks other threads have queued that the loop has not taken in yet.</summary>
    internal int IncomingCount => Volatile.Read(ref _incomingCount);

    /// <summary>The loop itself: turn after turn until <see cref="Stop"/>.</summary>
    private void RunTurns()
    {
        while (!_stopRequested)
        {
            if (RunTurn() == 0)
            {
                WaitForWork();
            }
        }
    }

    /// <summary>
    /// One turn: takes in what other threads posted and the timers due now, then runs what is ready
    /// at this moment (what these callbacks queue waits for the next turn). Returns how many
    /// callbacks ran; never blocks.
    /// </summary>
    private int RunTurn()
    {
        if (_simulation is not null)
        {
            return RunSimulatedTurn(_simulation); // EventLoop.Simulation.cs
        }

        _turnTimestamp = 0;
        if ((++_turns & 63) == 0)
        {
            _ = TurnTimestamp; // keeps RecentTimestamp at most 64 turns old on a busy loop without timers
        }

        if (CoroMetrics.Lag.Enabled)
        {
            TakeInWorkMeasuringLag();
        }
        else
        {
            _previousTurnStart = 0;
            if (Volatile.Read(ref _incomingCount) != 0)
            {
                MoveIncomingToReady();
            }

            if (_timers.Count != 0)
            {
                _timers.MoveDueTo(_ready, TurnTimestamp);
            }
        }

        int count = _ready.Count;
        if (count == 0)
        {
            return 0;
        }

        if (_watchdog is null)
        {
            for (int i = 0; i < count; i++)
            {
                _ready.Dequeue().Invoke();
            }
        }
        else
        {
            _watchdog.RunSteps(_ready, count); // each step published to the watchdog's thread
        }

        if (CoroMetrics.Steps.Enabled)
        {
            CoroMetrics.Steps.Add(count);
        }

        return count;
    }

    /// <summary>
    /// The time this turn began, on the loop's clock: read at most once per turn, when first asked
    /// for (due timers, the lag metric, a coroutine's suspended time), so a turn that needs no time
    /// reads no clock.
    /// </summary>
    /// <remarks>The saving is measured: reading the clock at the start of every turn instead (and
    /// dropping the every-64-turns refresh) made W2's Coro round trip 68 → 122 ns and W4's chain
    /// 1.10 → 1.47 µs (`--quick`, medians of three, same hour), since each is a few turns of almost
    /// no work. <see cref="_lastReading"/> is the loop's latest turn time that a dump reads.</remarks>
    internal long TurnTimestamp
    {
        get
        {
            if (_turnTimestamp == 0)
            {
                _turnTimestamp = _lastReading = _clock.GetTimestamp();
            }

            return _turnTimestamp;
        }
    }

    /// <summary>
    /// The loop's latest clock reading, without reading the clock: this turn's if it has one, else the
    /// one after the loop's last wait, or of a recent turn (at most 64 turns back). What a coroutine
    /// records when it suspends, so that suspending costs no clock read
    /// (<see cref="CoroutineInfo.SuspendedFor"/> is that accurate).
    /// </summary>
    internal long RecentTimestamp => _turnTimestamp != 0 ? _turnTimestamp : _lastReading;

    /// <summary>After a wait the loop was idle, so a clock read costs nothing that matters; without
    /// it a coroutine suspending in the next turn would count the whole wait as its own.</summary>
    private void NoteTimeAfterWait() => _lastReading = _clock.GetTimestamp();

    /// <summary>
    /// The start of a turn while the lag histogram is enabled: one sample per turn that has work,
    /// how long the oldest of it has been ready. A due timer has been ready since its deadline, a
    /// callback from another thread since it was posted into an empty queue, and a callback the loop
    /// queued itself since, at the latest, the start of the turn before.
    /// </summary>
    private void TakeInWorkMeasuringLag()
    {
        long now = TurnTimestamp;
        long readySince = _ready.Count != 0 && _previousTurnStart != 0 ? _previousTurnStart : long.MaxValue;
        if (Volatile.Read(ref _incomingCount) != 0)
        {
            long postedAt = _incomingSince;
            MoveIncomingToReady();
            if (postedAt != 0)
            {
                readySince = Math.Min(readySince, postedAt);
            }
        }

        if (_timers.Count != 0)
        {
            readySince = Math.Min(readySince, _timers.MoveDueTo(_ready, now));
        }

        if (readySince != long.MaxValue)
        {
            CoroMetrics.Lag.Record(Math.Max(0, _clock.GetElapsedTime(readySince, now).TotalMilliseconds));
        }

        _previousTurnStart = now;
    }

    private void MoveIncomingToReady()
    {
        lock (_gate)
        {
            while (_incoming.Count != 0)
            {
                _ready.Enqueue(_incoming.Dequeue());
            }

            Volatile.Write(ref _incomingCount, 0);
            _incomingSince = 0;
        }
    }

    private void WakeUp()
    {
        if (!IsLoopThread)
        {
            lock (_gate)
            {
                if (_sleeping)
                {
                    Monitor.Pulse(_gate);
                }
            }
        }
    }

    /// <summary>One queued callback and its argument.</summary>
    [System.Diagnostics.StackTraceHidden]
    internal readonly struct WorkItem(Delegate callback, object? state)
    {
        public Delegate Callback => callback;

        public object? State => state;

        public void Invoke()
        {
            // Delegate types are sealed, so each test is one compare of the type handle.
            switch (callback)
            {
                case Action<object?> withState:
                    withState(state);
                    break;
                case Action action:
                    action();
                    break;
                default:
                    ((SendOrPostCallback)callback)(state);
                    break;
            }
        }
    }
}

using System.Diagnostics;

namespace Coro;

public sealed partial class EventLoop
{
    // Callbacks for the loop's thread: _ready is touched only by that thread; other threads go
    // through _incoming under _gate, which the loop moves into _ready at the start of each turn.
    private readonly WorkQueue _ready = new();
    private readonly Queue<WorkItem> _incoming = new();
    private readonly object _gate = new();
    private int _incomingCount;
    private int _threadId = -1;
    private bool _sleeping;
    private bool _closed;
    private volatile bool _stopRequested;
    private long _turnTimestamp = Stopwatch.GetTimestamp();

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

            _incoming.Enqueue(new WorkItem(callback, state));
            Volatile.Write(ref _incomingCount, _incoming.Count);
            if (_sleeping)
            {
                Monitor.Pulse(_gate);
            }
        }

        return true;
    }

    /// <summary>The loop's clock at the start of the current turn (or after its last wait): what a
    /// coroutine that suspends in this turn records, so that suspending costs no clock read.</summary>
    internal long TurnTimestamp => _turnTimestamp;

    /// <summary>How many callbacks other threads have queued that the loop has not taken in yet.</summary>
    internal int IncomingCount => Volatile.Read(ref _incomingCount);

    /// <summary>The loop itself: turn after turn until <see cref="Stop"/>.</summary>
    private void RunTurns()
    {
        while (!_stopRequested)
        {
            if (Volatile.Read(ref _incomingCount) != 0)
            {
                MoveIncomingToReady();
            }

            // One clock read per turn serves the timers and every coroutine suspending in it.
            _turnTimestamp = Stopwatch.GetTimestamp();
            if (_timers.Count != 0)
            {
                _timers.MoveDueTo(_ready, _turnTimestamp);
            }

            // Only what is queued now runs in this turn; what these callbacks post waits for the next.
            int count = _ready.Count;
            if (count == 0)
            {
                WaitForWork();
                continue;
            }

            while (count-- > 0)
            {
                _ready.Dequeue().Invoke();
            }
        }
    }

    private void MoveIncomingToReady()
    {
        lock (_gate)
        {
            while (_incoming.TryDequeue(out WorkItem item))
            {
                _ready.Enqueue(item);
            }

            Volatile.Write(ref _incomingCount, 0);
        }
    }

    /// <summary>Blocks (no spinning) until a callback is posted, the next timer is due, or Stop.</summary>
    private void WaitForWork()
    {
        int timeout = _timers.MillisecondsUntilNext(Stopwatch.GetTimestamp());
        if (timeout == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_incoming.Count != 0 || _stopRequested)
            {
                return;
            }

            _sleeping = true;
            Monitor.Wait(_gate, timeout);
            _sleeping = false;
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
    [StackTraceHidden]
    internal readonly struct WorkItem(Delegate callback, object? state)
    {
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

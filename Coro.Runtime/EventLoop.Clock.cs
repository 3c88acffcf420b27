namespace Coro;

public sealed partial class EventLoop
{
    // The loop's clock. Every time the loop reads or waits for goes through it: timers, Sleep,
    // WithTimeout and Run's timeout are all CallLater, which reads it, and WaitForWork waits by it.
    private readonly TimeProvider _clock;
    private readonly VirtualClock? _virtualClock; // the same object as _clock under virtual time
    private Watchdog? _watchdog;                  // null while the watchdog is off: the turn's one test
    private ITimer? _clockTimer;                  // wakes a loop that waits on a clock that is not the system's
    private bool _clockTimerFired;                // under _gate

    /// <summary>
    /// Blocks (no spinning) until a callback is posted, the next timer is due, or Stop. On the system
    /// clock that is a monitor wait with the time to the next deadline; under virtual time the clock
    /// jumps to the deadline instead; on any other clock a timer of that clock wakes the loop, so a
    /// <c>FakeTimeProvider</c> advanced from another thread does.
    /// </summary>
    private void WaitForWork()
    {
        if (_virtualClock is not null)
        {
            WaitOrJump(_virtualClock);
        }
        else if (ReferenceEquals(_clock, TimeProvider.System))
        {
            WaitInRealTime();
        }
        else
        {
            WaitForClock();
        }

        NoteTimeAfterWait();
    }

    private void WaitInRealTime()
    {
        int timeout = _timers.MillisecondsUntilNext(_clock.GetTimestamp());
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

    /// <summary>
    /// Virtual time: nothing is ready, so unless another thread has posted work, jump to the next
    /// deadline. With no timer pending the only work left can come from other threads (a task that
    /// completes, a Post): wait for it in real time.
    /// </summary>
    private void WaitOrJump(VirtualClock clock)
    {
        lock (_gate)
        {
            if (_incoming.Count != 0 || _stopRequested)
            {
                return;
            }

            if (_timers.TryPeekDeadline(out long deadline))
            {
                clock.JumpTo(deadline);
                return;
            }

            _sleeping = true;
            Monitor.Wait(_gate);
            _sleeping = false;
        }
    }

    /// <summary>
    /// Another clock (a <c>FakeTimeProvider</c>, say) moves as it likes, so the loop cannot wait for
    /// a deadline in real time: it arms one timer of that clock for the next deadline, whose
    /// callback wakes it, and waits for that, a post or Stop.
    /// </summary>
    private void WaitForClock()
    {
        bool hasTimer = _timers.TryPeekDeadline(out long deadline);
        if (hasTimer && !ArmClockTimer(deadline))
        {
            return; // due already
        }

        lock (_gate)
        {
            if (_incoming.Count == 0 && !_stopRequested && !_clockTimerFired)
            {
                _sleeping = true;
                Monitor.Wait(_gate);
                _sleeping = false;
            }

            _clockTimerFired = false;
        }
    }

    /// <summary>Arms the clock's timer to fire at <paramref name="deadline"/>; false if it has come.
    /// Outside <see cref="_gate"/>: a clock may run the callback, which takes the gate, inside its
    /// own lock.</summary>
    private bool ArmClockTimer(long deadline)
    {
        _clockTimer ??= _clock.CreateTimer(
            static loop => ((EventLoop)loop!).OnClockTimer(), this, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);

        // A timer's due time is relative to the clock's now when it is armed, so if the clock moved
        // between reading it and arming, arm again (a few times at most: a clock that runs on its
        // own moves every time, and there the difference is a few microseconds).
        for (int attempt = 0; attempt < 4; attempt++)
        {
            long now = _clock.GetTimestamp();
            if (now >= deadline)
            {
                return false;
            }

            TimeSpan due = _clock.GetElapsedTime(now, deadline);
            _clockTimer.Change(due < TimeSpan.FromTicks(1) ? TimeSpan.FromTicks(1) : due, System.Threading.Timeout.InfiniteTimeSpan);
            if (_clock.GetTimestamp() == now)
            {
                break;
            }
        }

        return true;
    }

    private void OnClockTimer()
    {
        lock (_gate)
        {
            _clockTimerFired = true;
            if (_sleeping)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>The clock's part of closing: the watchdog stops, the clock's timer goes, and the loop
    /// leaves the ones the metrics count.</summary>
    private void CloseClock()
    {
        _watchdog?.Stop();
        _clockTimer?.Dispose();
        _clockTimer = null;
        LiveLoops.Remove(this);
    }
}

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
    /// Blocks (no spinning) until a callback is posted, the next timer is due, or Stop. Two ways to
    /// wait: on the system clock, a monitor wait with the time to the next deadline; on any other
    /// clock, a wait for that clock's own timer at the next deadline (so a <c>FakeTimeProvider</c>
    /// advanced from another thread wakes the loop), where under virtual time arming that timer is
    /// jumping the clock to the deadline, since nothing runs before it.
    /// </summary>
    private void WaitForWork()
    {
        if (ReferenceEquals(_clock, TimeProvider.System))
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
    /// A clock that moves as it likes (a <c>FakeTimeProvider</c>, the virtual clock): unless another
    /// thread has posted work, arm the clock's timer for the next deadline and wait for it, a post
    /// or Stop. With no timer pending the only work left can come from other threads.
    /// </summary>
    private void WaitForClock()
    {
        lock (_gate)
        {
            if (_incoming.Count != 0 || _stopRequested)
            {
                return; // work from other threads first: under virtual time, before the clock jumps
            }
        }

        if (_timers.TryPeekDeadline(out long deadline) && !ArmClockTimer(deadline))
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
    /// Under virtual time the deadline comes at once: the clock jumps to it. Outside
    /// <see cref="_gate"/>: a clock may run the callback, which takes the gate, inside its own lock.</summary>
    private bool ArmClockTimer(long deadline)
    {
        if (_virtualClock is not null)
        {
            _virtualClock.JumpTo(deadline);
            return false;
        }

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

using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>
/// The loop's watchdog (<see cref="EventLoopOptions.SlowStepThreshold"/>): reports a step that holds
/// the loop too long while it still runs, from a thread of its own, and again when it ends.
/// </summary>
/// <remarks>
/// <para>The loop's thread publishes each step in a sequence lock: it writes what names the step
/// (and, on a clock other than the system's, the step's start time), then makes
/// <see cref="_sequence"/> odd (a step runs); when the step ends it makes it even again. The
/// watchdog's thread reads the sequence, the fields and the sequence again; if the sequence is odd
/// and unchanged, the fields belong to the step that runs now. Every write is a release and every
/// read an acquire (<see cref="Volatile"/>), so this holds on weakly ordered processors too. The
/// loop's side takes no lock and allocates nothing; names are made only for a slow step.</para>
/// <para>Who times a step. On the system clock (and under virtual time, which measures real time
/// here) a clock read costs as much as a whole step of a busy loop, so the loop reads none: the
/// watchdog's thread notes when it first saw a step running, and the step is slow once that is a
/// threshold ago. A step is therefore reported between one and one and a quarter thresholds
/// (its poll interval) after it began, and its durations are short by up to that quarter. On any
/// other clock (a <c>FakeTimeProvider</c> in a test) the loop reads the clock when each step
/// starts and ends, so durations are exact.</para>
/// <para>"At most once per step": whoever first finds a step slow claims its sequence number with
/// a compare-and-swap on <see cref="_claimed"/> and counts it; a claim by the watchdog's thread is
/// the report while it runs, and tells the loop to report it again when it ends.</para>
/// </remarks>
internal sealed class Watchdog
{
    private readonly EventLoop _loop;
    private readonly TimeProvider _clock;
    private readonly bool _loopTimesSteps;
    private readonly long _threshold; // in the clock's timestamp ticks
    private readonly Action<SlowStep> _report;
    private readonly TimeSpan _pollInterval;
    private readonly object _stopGate = new();

    // Written by the loop's thread, read by the watchdog's (see the remarks).
    private long _sequence;
    private long _start;
    private Delegate? _callback;
    private object? _subject;

    // Written by the watchdog's thread: the last step found slow, and since when it ran.
    private long _claimed;
    private long _slowSince;
    private bool _stopped;

    public Watchdog(EventLoop loop, TimeProvider clock, TimeSpan threshold, Action<SlowStep> report)
    {
        _loop = loop;
        _clock = clock;
        _loopTimesSteps = !ReferenceEquals(clock, TimeProvider.System);
        _threshold = Math.Max(1, (long)(threshold.Ticks * ((double)clock.TimestampFrequency / TimeSpan.TicksPerSecond)));
        _report = report;
        _pollInterval = TimeSpan.FromTicks(Math.Clamp(threshold.Ticks / 4, TimeSpan.TicksPerMillisecond, 100 * TimeSpan.TicksPerMillisecond));
    }

    public void Start()
    {
        var thread = new Thread(Watch) { IsBackground = true, Name = "Coro watchdog" };
        thread.Start();
    }

    /// <summary>Ends the watchdog's thread (it exits at its next look; nobody waits for it).</summary>
    public void Stop()
    {
        lock (_stopGate)
        {
            _stopped = true;
            Monitor.Pulse(_stopGate);
        }
    }

    /// <summary>Runs <paramref name="count"/> callbacks of the ready queue, each one watched: the
    /// turn of a loop whose watchdog is on.</summary>
    public void RunSteps(WorkQueue ready, int count)
    {
        while (count-- > 0)
        {
            RunStep(ready.Dequeue());
        }
    }

    /// <summary>Runs one step, published to the watchdog's thread while it runs.</summary>
    public void RunStep(EventLoop.WorkItem item)
    {
        Begin(item.Callback, item.State);
        try
        {
            item.Invoke();
        }
        finally
        {
            End();
        }
    }

    /// <summary>A step starts: publish it to the watchdog's thread.</summary>
    public void Begin(Delegate callback, object? state)
    {
        if (_loopTimesSteps)
        {
            Volatile.Write(ref _start, _clock.GetTimestamp());
        }

        // A coroutine's body is kept, not its Runner: the body may be gone once the step has ended.
        object? subject = state is ISuspendedCoroutine coroutine ? coroutine.Body ?? state : state;
        Volatile.Write(ref _callback, callback);
        Volatile.Write(ref _subject, subject);
        Volatile.Write(ref _sequence, _sequence + 1); // odd: running
    }

    /// <summary>The step ended: report it if it was slow.</summary>
    public void End()
    {
        long sequence = _sequence;
        Volatile.Write(ref _sequence, sequence + 1); // even: between steps
        if (_loopTimesSteps)
        {
            long elapsed = _clock.GetTimestamp() - _start;
            if (elapsed >= _threshold)
            {
                long claimed = Volatile.Read(ref _claimed);
                if (claimed != sequence && Interlocked.CompareExchange(ref _claimed, sequence, claimed) == claimed)
                {
                    CountSlow(); // the watchdog's thread did not see it running
                }

                Report(elapsed);
            }
        }
        else if (Volatile.Read(ref _claimed) == sequence)
        {
            Report(_clock.GetTimestamp() - Volatile.Read(ref _slowSince));
        }
    }

    private void Report(long elapsed) =>
        _report(new SlowStep(StepName.Of(_callback!, _subject), _clock.GetElapsedTime(0, elapsed), Finished: true));

    /// <summary>The watchdog's thread: look at the running step every quarter threshold.</summary>
    private void Watch()
    {
        long seenSequence = 0; // the step that ran at the last look, and since when it has been seen
        long seenAt = 0;
        while (true)
        {
            lock (_stopGate)
            {
                if (!_stopped)
                {
                    Monitor.Wait(_stopGate, _pollInterval);
                }

                if (_stopped)
                {
                    return;
                }
            }

            long sequence = Volatile.Read(ref _sequence);
            long now = _clock.GetTimestamp();
            if ((sequence & 1) == 0 || Volatile.Read(ref _claimed) == sequence)
            {
                continue; // between steps, or this one was reported
            }

            long since = _loopTimesSteps ? Volatile.Read(ref _start) : sequence == seenSequence ? seenAt : now;
            seenSequence = sequence;
            seenAt = since;
            Delegate? callback = Volatile.Read(ref _callback);
            object? subject = Volatile.Read(ref _subject);
            if (Volatile.Read(ref _sequence) != sequence || now - since < _threshold || callback is null)
            {
                continue;
            }

            Volatile.Write(ref _slowSince, since);
            long claimed = Volatile.Read(ref _claimed);
            if (Interlocked.CompareExchange(ref _claimed, sequence, claimed) != claimed)
            {
                continue;
            }

            CountSlow();
            try
            {
                _report(new SlowStep(StepName.Of(callback, subject), _clock.GetElapsedTime(since, now), Finished: false));
            }
            catch (Exception exception)
            {
                // As from any callback: the exception stops the loop, once the slow step lets it.
                var failure = ExceptionDispatchInfo.Capture(exception);
                _loop.TryEnqueue(new Action(failure.Throw), null);
            }
        }
    }

    private static void CountSlow()
    {
        if (CoroMetrics.SlowSteps.Enabled)
        {
            CoroMetrics.SlowSteps.Add(1);
        }
    }
}

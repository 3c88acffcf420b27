using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>
/// The loop's watchdog (<see cref="EventLoopOptions.SlowStepThreshold"/>): reports a step that holds
/// the loop too long while it still runs, from a thread of its own, and again when it ends.
/// </summary>
/// <remarks>
/// <para>The loop's thread publishes each step in a sequence lock: it writes the step's start time
/// and what names it, then makes <see cref="_sequence"/> odd (a step runs); when the step ends it
/// makes it even again. The watchdog's thread reads the sequence, the fields and the sequence
/// again; if the sequence is odd and unchanged, the fields belong to the step that runs now. Every
/// write is a release and every read an acquire (<see cref="Volatile"/>), so this holds on weakly
/// ordered processors too. The loop's side takes no lock and allocates nothing; names are made only
/// for a step that is slow.</para>
/// <para>"At most once per step": whoever first sees a step is slow claims its sequence number with
/// a compare-and-swap on <see cref="_claimed"/>, counts it, and (the watchdog) reports it running.</para>
/// <para>It measures on the loop's clock, except under virtual time, which stands still while a step
/// runs: there it measures in real time.</para>
/// </remarks>
internal sealed class Watchdog
{
    private readonly EventLoop _loop;
    private readonly TimeProvider _clock;
    private readonly long _threshold; // in the clock's timestamp ticks
    private readonly Action<SlowStep> _report;
    private readonly TimeSpan _pollInterval;
    private readonly object _stopGate = new();

    // Written by the loop's thread, read by the watchdog's (see the remarks).
    private long _sequence;
    private long _start;
    private Delegate? _callback;
    private object? _subject;

    private long _claimed; // the sequence number of the last step reported slow
    private bool _stopped;

    public Watchdog(EventLoop loop, TimeProvider clock, TimeSpan threshold, Action<SlowStep> report)
    {
        _loop = loop;
        _clock = clock;
        _threshold = Math.Max(1, (long)(threshold.Ticks * ((double)clock.TimestampFrequency / TimeSpan.TicksPerSecond)));
        _report = report;
        _pollInterval = TimeSpan.FromTicks(Math.Clamp(threshold.Ticks / 4, TimeSpan.TicksPerMillisecond, 100 * TimeSpan.TicksPerMillisecond));
    }

    public long Now => _clock.GetTimestamp();

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
    /// turn of a loop whose watchdog is on. One clock read per step: a step starts when the one
    /// before it ended.</summary>
    public void RunSteps(WorkQueue ready, int count)
    {
        long now = Now;
        while (count-- > 0)
        {
            EventLoop.WorkItem item = ready.Dequeue();
            Begin(item.Callback, item.State, now);
            try
            {
                item.Invoke();
            }
            finally
            {
                now = End();
            }
        }
    }

    /// <summary>A step starts: publish it to the watchdog's thread.</summary>
    public void Begin(Delegate callback, object? state, long start)
    {
        // A coroutine's body is kept, not its Runner: the body may be gone once the step has ended.
        object? subject = state is ISuspendedCoroutine coroutine ? coroutine.Body ?? state : state;
        Volatile.Write(ref _start, start);
        Volatile.Write(ref _callback, callback);
        Volatile.Write(ref _subject, subject);
        Volatile.Write(ref _sequence, _sequence + 1); // odd: running
    }

    /// <summary>The step ended: report it if it was slow. Returns the time it ended.</summary>
    public long End()
    {
        long sequence = _sequence;
        Volatile.Write(ref _sequence, sequence + 1); // even: between steps
        long end = Now;
        long start = _start;
        if (end - start >= _threshold)
        {
            Finished(sequence, end - start);
        }

        return end;
    }

    private void Finished(long sequence, long elapsed)
    {
        long claimed = Volatile.Read(ref _claimed);
        if (claimed != sequence && Interlocked.CompareExchange(ref _claimed, sequence, claimed) == claimed)
        {
            CountSlow(); // the watchdog's thread did not see it running
        }

        _report(new SlowStep(StepName.Of(_callback!, _subject), _clock.GetElapsedTime(0, elapsed), Finished: true));
    }

    /// <summary>The watchdog's thread: look at the running step every quarter threshold.</summary>
    private void Watch()
    {
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
            if ((sequence & 1) == 0 || Volatile.Read(ref _claimed) == sequence)
            {
                continue; // between steps, or this one was reported
            }

            long start = Volatile.Read(ref _start);
            Delegate? callback = Volatile.Read(ref _callback);
            object? subject = Volatile.Read(ref _subject);
            long elapsed = Now - start;
            if (Volatile.Read(ref _sequence) != sequence || elapsed < _threshold || callback is null)
            {
                continue;
            }

            long claimed = Volatile.Read(ref _claimed);
            if (claimed == sequence || Interlocked.CompareExchange(ref _claimed, sequence, claimed) != claimed)
            {
                continue;
            }

            CountSlow();
            try
            {
                _report(new SlowStep(StepName.Of(callback, subject), _clock.GetElapsedTime(0, elapsed), Finished: false));
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

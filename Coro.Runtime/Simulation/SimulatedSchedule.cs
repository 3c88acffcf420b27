namespace Coro;

/// <summary>
/// The state of one simulated loop (<see cref="EventLoopOptions.Seed"/>): the generator that chooses
/// each step, the ready chains it chooses from, the trace, the limits, and the faulted futures whose
/// failure nobody has read yet. Only the loop's thread uses it, except the trace's outside lines.
/// </summary>
internal sealed class SimulatedSchedule
{
    private readonly Random _chooser;
    private readonly long _jitterTicks;
    private readonly int _maxSteps;
    private readonly TimeSpan? _maxVirtualTime;
    private readonly Queue<EventLoop.WorkItem> _posted = new(); // from other threads, not yet taken in; under its own lock
    private List<ExceptionHolder>? _faulted;

    public SimulatedSchedule(int seed, EventLoopOptions options)
    {
        Seed = seed;
        _chooser = new Random(seed); // System.Random with a seed is the same sequence on every runtime and build
        _jitterTicks = options.TimerJitter?.Ticks ?? 0;
        _maxSteps = options.MaxSteps ?? int.MaxValue;
        _maxVirtualTime = options.MaxVirtualTime;
        Trace = new SimulationTrace(seed);
    }

    public int Seed { get; }

    public SimulationTrace Trace { get; }

    public ReadyChains Ready { get; } = new();

    /// <summary>Another thread posted <paramref name="item"/> (called under the loop's gate).</summary>
    public void NotePosted(EventLoop.WorkItem item)
    {
        lock (_posted)
        {
            _posted.Enqueue(item);
        }
    }

    /// <summary>
    /// Takes a ready item into the chains. Items from other threads reach the ready queue in the
    /// order they were posted, so an item is from outside exactly when it is the oldest one noted and
    /// not yet taken in; the trace names it then.
    /// </summary>
    public void TakeIn(EventLoop.WorkItem item, TimeSpan at)
    {
        bool fromOutside = false;
        lock (_posted)
        {
            if (_posted.Count != 0 && _posted.Peek().Callback == item.Callback && ReferenceEquals(_posted.Peek().State, item.State))
            {
                _posted.Dequeue();
                fromOutside = true;
            }
        }

        if (fromOutside)
        {
            Trace.AddFromOutside(at, StepName.Of(item.Callback, item.State));
        }

        Ready.Add(item, fromOutside);
    }

    /// <summary>The program's own generator (<see cref="EventLoop.Random"/>): seeded from the seed too,
    /// but apart from the chooser, so that a program drawing a number does not shift the schedule's choices.</summary>
    public Random NewProgramRandom() => new(unchecked(Seed * -1640531535) ^ 0x5eed);

    /// <summary>Picks which ready chain runs next; throws once the run has taken more steps than allowed.</summary>
    public int ChooseNext()
    {
        if (Trace.Steps >= _maxSteps)
        {
            throw new TimeoutException(
                $"The simulated run with seed {Seed} took more than {_maxSteps} steps (SimulationOptions.MaxSteps): a livelock, or a test that needs a higher limit.");
        }

        return Ready.Choices == 1 ? 0 : _chooser.Next(Ready.Choices);
    }

    /// <summary>Throws if the clock is about to pass the run's limit of virtual time.</summary>
    public void CheckVirtualTime(TimeSpan next)
    {
        if (next > _maxVirtualTime)
        {
            throw new TimeoutException(
                $"The simulated run with seed {Seed} was not done after {_maxVirtualTime} of virtual time (SimulationOptions.MaxVirtualTime).");
        }
    }

    /// <summary>A timer's delay with this run's jitter added: up to <see cref="EventLoopOptions.TimerJitter"/> later.</summary>
    public TimeSpan Jitter(TimeSpan delay) =>
        _jitterTicks == 0 ? delay : delay + TimeSpan.FromTicks((long)(_chooser.NextDouble() * (_jitterTicks + 1)));

    public void NoteFaulted(ExceptionHolder holder) => (_faulted ??= []).Add(holder);

    /// <summary>The failure of the first faulted future that nobody observed, if any: the run fails
    /// with it when its loop closes.</summary>
    public Exception? FirstUnobserved()
    {
        foreach (ExceptionHolder holder in _faulted ?? [])
        {
            if (!holder.IsObserved)
            {
                return new InvalidOperationException(
                    "A failed future was left unobserved when the simulated loop closed: yield or await it, or read its Exception.",
                    holder.Observe().SourceException);
            }
        }

        return null;
    }
}

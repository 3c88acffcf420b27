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
    private readonly Dictionary<ISuspendedCoroutine, int> _numbers = new(ReferenceEqualityComparer.Instance);
    private List<ExceptionHolder>? _faulted;
    private int _outsidePending; // tasks the run waits on that have not yet posted what they end

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

    /// <summary>Whether a task the run waited on is still running or still posting its end: the loop
    /// then waits for it instead of calling the run deadlocked.</summary>
    public bool AwaitsOutside => Volatile.Read(ref _outsidePending) != 0;

    /// <summary>A future of a task that is not done was made on the loop (any thread may end it).</summary>
    public void OutsideStarted() => Interlocked.Increment(ref _outsidePending);

    /// <summary>That task ended, and what waited on it has been posted to the loop.</summary>
    public void OutsideEnded() => Interlocked.Decrement(ref _outsidePending);

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
            Trace.AddFromOutside(at, NameOf(item));
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

    /// <summary>
    /// A step as the trace names it: a coroutine by its body and its number in this run (in the order
    /// the run first met it, so that two workers of one method are told apart, the same in every
    /// replay), a timer by the future it ends (<c>timer of Sleep 00:00:01</c>), a callback by its method.
    /// </summary>
    public string NameOf(EventLoop.WorkItem step)
    {
        switch (step.State)
        {
            case ISuspendedCoroutine coroutine:
                if (!_numbers.TryGetValue(coroutine, out int number))
                {
                    number = _numbers.Count + 1;
                    _numbers.Add(coroutine, number);
                }

                return $"{StepName.Of(step.Callback, coroutine)} #{number}";
            case TimerHandle timer when step.Callback == (Delegate)TimerHandle.Fire:
                EventLoop.WorkItem work = timer.Work;
                return "timer of " + (work.State is Future future ? future.Description : StepName.Of(work.Callback, work.State));
            default:
                return StepName.Of(step.Callback, step.State);
        }
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

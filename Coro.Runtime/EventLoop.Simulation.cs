namespace Coro;

public sealed partial class EventLoop
{
    // Null unless EventLoopOptions.Seed is set: RunTurn's one test, and all a loop without a seed pays.
    private readonly SimulatedSchedule? _simulation;
    private Random? _random;

    /// <summary>
    /// A generator for the program's own random choices: under <see cref="EventLoopOptions.Seed"/>
    /// seeded from the seed, so that they replay with the schedule; otherwise seeded by the system.
    /// Belongs to the loop's thread, like everything the program does on the loop.
    /// </summary>
    public Random Random => _random ??= _simulation?.NewProgramRandom() ?? new Random();

    /// <summary>The simulation this loop runs, or null.</summary>
    internal SimulatedSchedule? Simulated => _simulation;

    /// <summary>Under <see cref="EventLoopOptions.Seed"/>, what the loop has run, step by step
    /// (docs/simulation.md); null on a loop that is not simulated.</summary>
    public SimulationTrace? Trace => _simulation?.Trace;

    /// <summary>
    /// A simulated loop's turn: take in what other threads posted and the timers due now, then run one
    /// step, chosen by the seed from the chains of ready work (<see cref="ReadyChains"/> holds the rule
    /// of what may be reordered). One step a turn: what a step queues joins the choices for the next.
    /// With nothing ready, a run (not a loop a host pumps) that no timer and nothing from outside can
    /// wake is deadlocked.
    /// </summary>
    private int RunSimulatedTurn(SimulatedSchedule simulation)
    {
        _turnTimestamp = 0;
        if (Volatile.Read(ref _incomingCount) != 0)
        {
            MoveIncomingToReady();
        }

        if (_timers.Count != 0)
        {
            _timers.MoveDueTo(_ready, TurnTimestamp);
        }

        while (_ready.Count != 0)
        {
            simulation.TakeIn(_ready.Dequeue(), _virtualClock!.Elapsed);
        }

        if (simulation.Ready.Choices == 0)
        {
            if (!_pumped)
            {
                CheckIdleRun(simulation);
            }

            return 0;
        }

        WorkItem step = simulation.Ready.Take(simulation.ChooseNext());
        Record(simulation.Trace, step);
        if (_watchdog is null)
        {
            step.Invoke();
        }
        else
        {
            _watchdog.RunStep(step);
        }

        if (CoroMetrics.Steps.Enabled)
        {
            CoroMetrics.Steps.Add(1);
        }

        return 1;
    }

    /// <summary>Nothing is ready in a run: the clock would jump to the next timer, past the run's
    /// limit of virtual time if it is too far; with no timer, the run waits only for what a task
    /// will bring in, and is deadlocked if there is none.</summary>
    private void CheckIdleRun(SimulatedSchedule simulation)
    {
        if (_timers.TryPeekDeadline(out long next))
        {
            simulation.CheckVirtualTime(_virtualClock!.ElapsedAt(next));
        }
        else if (!simulation.AwaitsOutside && IncomingCount == 0) // in this order: a task's end posts, then stops counting
        {
            throw new SimulationDeadlockException(CoroutineSnapshot.Take(_suspended, _clock));
        }
    }

    private void Record(SimulationTrace trace, WorkItem step)
    {
        Future? waitedOn = (step.State as ISuspendedCoroutine)?.AwaitedFuture;
        trace.AddStep(_virtualClock!.Elapsed, _simulation!.NameOf(step), waitedOn?.Description);
    }

    /// <summary>Called from another thread's post, under <see cref="_gate"/>: the trace will name it.</summary>
    private static void NoteOutside(SimulatedSchedule simulation, Delegate callback, object? state) =>
        simulation.NotePosted(new WorkItem(callback, state));

    /// <summary>A future faulted on this loop's thread: a simulated run remembers it, to fail if
    /// nobody reads its failure.</summary>
    internal void NoteFaulted(ExceptionHolder holder) => _simulation?.NoteFaulted(holder);

    /// <summary>The delay of a timer set now: under <see cref="EventLoopOptions.TimerJitter"/>, later
    /// by what the seed chooses.</summary>
    private TimeSpan TimerDelay(TimeSpan delay) => _simulation is null ? delay : _simulation.Jitter(delay);
}

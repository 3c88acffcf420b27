namespace Coro;

/// <summary>
/// How a loop runs: its clock, a timeout for <c>EventLoop.Run</c>, and a watchdog for steps that
/// block it. Pass it to <see cref="EventLoop.Run{T}(Func{Future{T}}, EventLoopOptions)"/>.
/// </summary>
/// <example>
/// <code>
/// // An hour of sleeps and timeouts runs at once, in the order and at the times it would take.
/// EventLoop.Run(() => Worker.RunAsync(), new EventLoopOptions { VirtualTime = true });
/// </code>
/// </example>
public sealed class EventLoopOptions
{
    /// <summary>If set and <c>main</c>'s future is not done by then (on the loop's clock), the
    /// future is cancelled and <c>Run</c> throws <see cref="System.TimeoutException"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// The loop's clock (default <see cref="System.TimeProvider.System"/>): timers
    /// (<see cref="EventLoop.CallLater(TimeSpan, Action)"/>, <see cref="Coroutine.Sleep"/>,
    /// <see cref="Future.WithTimeout"/>, <see cref="Timeout"/>) and the watchdog read it, so a
    /// <c>FakeTimeProvider</c> advanced by a test drives them. Cannot be combined with
    /// <see cref="VirtualTime"/>.
    /// </summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>
    /// The loop keeps its own clock, which starts at the real now and stands still while the loop
    /// works; whenever nothing is ready to run and no other thread has posted work, it jumps
    /// straight to the next timer's deadline instead of waiting for it. A coroutine that sleeps an
    /// hour finishes at once, and timers fire in exactly the order and at exactly the (virtual)
    /// times they would in real time. With no timer pending the loop waits in real time for work
    /// from other threads (a <see cref="Task"/> it yielded, a <see cref="EventLoop.Post"/>).
    /// <see cref="EventLoop.TimeProvider"/> is that clock.
    /// </summary>
    public bool VirtualTime { get; init; }

    /// <summary>
    /// Runs the loop as a simulation (docs/simulation.md): ready work runs in an order chosen by a
    /// generator seeded with this value, so a seed names one schedule and running it again repeats it
    /// step for step. Implies <see cref="VirtualTime"/>, on a clock that starts at
    /// 2000-01-01T00:00:00Z in every process. Independent ready work (which of two coroutines resumes
    /// first, where a <see cref="Coroutine.Moment"/> lands, timers due at the same instant) is
    /// reordered on purpose; per-thread <see cref="EventLoop.Post"/> order, a future's callbacks in
    /// registration order and the orders Coro itself relies on are kept. A run with nothing ready, no
    /// timer and nothing awaited from outside ends with <see cref="SimulationDeadlockException"/>.
    /// Null (the default): no simulation.
    /// </summary>
    public int? Seed { get; init; }

    /// <summary>With <see cref="Seed"/>: each timer fires up to this much later than it is due, by an
    /// amount the seed chooses, so that timeouts are explored against the completions they race.</summary>
    public TimeSpan? TimerJitter { get; init; }

    /// <summary>With <see cref="SlowStep"/>, turns the watchdog on: a callback or coroutine step
    /// that holds the loop at least this long is reported. Off (null) by default.</summary>
    public TimeSpan? SlowStepThreshold { get; init; }

    /// <summary>
    /// Called for a step that holds the loop at least <see cref="SlowStepThreshold"/>: once while
    /// it still runs, from the watchdog's own thread (<see cref="Coro.SlowStep.Finished"/> false),
    /// and once on the loop's thread when it ends (<see cref="Coro.SlowStep.Finished"/> true, the
    /// whole duration). It must be thread-safe. An exception it throws stops the loop, and
    /// <c>Run</c> rethrows it.
    /// </summary>
    public Action<SlowStep>? SlowStep { get; init; }

    /// <summary>Set by <see cref="Simulation"/>: a simulated run fails after this many steps.</summary>
    internal int? MaxSteps { get; init; }

    /// <summary>Set by <see cref="Simulation"/>: a simulated run fails when its clock would pass this.
    /// Not <see cref="Timeout"/>, whose timer would keep a deadlocked run waiting for it.</summary>
    internal TimeSpan? MaxVirtualTime { get; init; }

    /// <summary>Throws if the options contradict each other; called when a loop is made.</summary>
    internal void Validate()
    {
        if (VirtualTime && TimeProvider is not null)
        {
            throw new ArgumentException(
                "EventLoopOptions.VirtualTime gives the loop its own clock, so it cannot also use TimeProvider; set one of them.",
                nameof(TimeProvider));
        }

        if (Seed.HasValue && TimeProvider is not null)
        {
            throw new ArgumentException(
                "EventLoopOptions.Seed runs the loop on its own virtual clock, so it cannot also use TimeProvider; set one of them.",
                nameof(TimeProvider));
        }

        if (TimerJitter is { } jitter && (!Seed.HasValue || jitter < TimeSpan.Zero))
        {
            throw new ArgumentException(
                "EventLoopOptions.TimerJitter needs a Seed to choose each delay, and must not be negative.",
                nameof(TimerJitter));
        }

        if (SlowStepThreshold.HasValue != (SlowStep is not null))
        {
            throw new ArgumentException(
                "The watchdog needs both EventLoopOptions.SlowStepThreshold and EventLoopOptions.SlowStep; set both, or neither.",
                nameof(SlowStep));
        }

        if (SlowStepThreshold is { } threshold && threshold <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(SlowStepThreshold), threshold, "The slow-step threshold must be positive.");
        }
    }
}

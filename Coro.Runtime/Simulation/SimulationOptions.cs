namespace Coro;

/// <summary>What <see cref="Simulation.Explore"/> and <see cref="Simulation.Replay"/> run: which seeds,
/// and the limits past which a run counts as failed.</summary>
public sealed class SimulationOptions
{
    /// <summary>How many schedules (seeds) to try. Default 1,000.</summary>
    public int Schedules { get; init; } = 1000;

    /// <summary>The first seed; the others follow it. Default 0.</summary>
    public int FirstSeed { get; init; }

    /// <summary>A run whose test is not done by this virtual time fails with
    /// <see cref="TimeoutException"/>. Default one hour (virtual: it costs no real time).</summary>
    public TimeSpan MaxVirtualTime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>A run that takes more steps than this fails with <see cref="TimeoutException"/>
    /// (a livelock). Default 100,000.</summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>Each timer fires up to this much later than due (<see cref="EventLoopOptions.TimerJitter"/>).
    /// Default none.</summary>
    public TimeSpan? TimerJitter { get; init; }

    internal void Validate()
    {
        if (Schedules < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Schedules), Schedules, "Explore runs at least one schedule.");
        }

        if (MaxSteps < 1 || MaxVirtualTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), "SimulationOptions.MaxSteps and MaxVirtualTime must be positive.");
        }
    }

    /// <summary>The options of the loop that runs <paramref name="seed"/>.</summary>
    internal EventLoopOptions ForSeed(int seed) => new()
    {
        Seed = seed,
        TimerJitter = TimerJitter,
        MaxVirtualTime = MaxVirtualTime,
        MaxSteps = MaxSteps,
    };
}

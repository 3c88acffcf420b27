using System.Globalization;

namespace Coro;

/// <summary>What <see cref="Simulation.Explore"/> found: the first failing seed, its failure and its
/// trace, or that every schedule passed. <see cref="ToString"/> says how to replay the failure.</summary>
public sealed class SimulationReport
{
    internal SimulationReport(int? failingSeed, Exception? exception, SimulationTrace? trace, int schedulesRun)
    {
        FailingSeed = failingSeed;
        Exception = exception;
        Trace = trace;
        SchedulesRun = schedulesRun;
    }

    /// <summary>The seed of the first run that failed; null if none did.</summary>
    public int? FailingSeed { get; }

    /// <summary>How that run failed: the test's exception, a <see cref="SimulationDeadlockException"/>,
    /// a <see cref="TimeoutException"/> for a broken limit, or the unobserved failure of a future.</summary>
    public Exception? Exception { get; }

    /// <summary>The failing run's trace; the last run's if none failed.</summary>
    public SimulationTrace? Trace { get; }

    /// <summary>How many schedules ran, the failing one included.</summary>
    public int SchedulesRun { get; }

    /// <summary>Whether every schedule passed.</summary>
    public bool Passed => FailingSeed is null;

    /// <summary>The failing seed, its failure and how to replay it; or how many schedules passed.</summary>
    public override string ToString()
    {
        string runs = SchedulesRun.ToString(CultureInfo.InvariantCulture);
        if (FailingSeed is not { } seed)
        {
            return $"No failure in {runs} schedule{(SchedulesRun == 1 ? "" : "s")}.";
        }

        string seedText = seed.ToString(CultureInfo.InvariantCulture);
        string replayable = Trace is { IsReplayable: false }
            ? " The run took work from outside the loop (see the trace), so the replay may differ."
            : "";
        return $"Seed {seedText} failed, schedule {runs} of the exploration: {Exception!.GetType().Name}: {Exception.Message}{Environment.NewLine}" +
               $"Replay it with Simulation.Replay({seedText}, test, options), with the same options; its trace " +
               $"({Trace?.Steps.ToString(CultureInfo.InvariantCulture)} steps, hash {Trace?.Hash}) is the report's Trace.{replayable}";
    }
}

using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>
/// Deterministic simulation (docs/simulation.md): runs a test on a fresh simulated loop
/// (<see cref="EventLoopOptions.Seed"/>) for seed after seed, each seed a different order of ready
/// work, until one fails; that seed replays the failure step for step. Depends on no test framework:
/// call it from any test and assert on the report.
/// </summary>
/// <example>
/// <code>
/// SimulationReport report = Simulation.Explore(() => Bank.TransferTwiceAsync(), new SimulationOptions());
/// Assert.True(report.Passed, report.ToString());
/// </code>
/// </example>
public static class Simulation
{
    /// <summary>
    /// Runs <paramref name="test"/> on a new simulated loop for each of <see cref="SimulationOptions.Schedules"/>
    /// seeds from <see cref="SimulationOptions.FirstSeed"/>, and stops at the first run that fails: its
    /// future faults or is cancelled, it deadlocks, it leaves a failed future unobserved, or it breaks
    /// <see cref="SimulationOptions.MaxVirtualTime"/> or <see cref="SimulationOptions.MaxSteps"/>.
    /// Call it on a thread that runs no loop.
    /// </summary>
    public static SimulationReport Explore(Func<Future> test, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        options ??= new SimulationOptions();
        options.Validate();
        SimulationTrace? last = null;
        for (int run = 0; run < options.Schedules; run++)
        {
            int seed = unchecked(options.FirstSeed + run);
            (Exception? failure, last) = RunOne(seed, test, options);
            if (failure is not null)
            {
                return new SimulationReport(seed, failure, last, run + 1);
            }
        }

        return new SimulationReport(null, null, last, options.Schedules);
    }

    /// <summary>
    /// Runs <paramref name="test"/> once, with <paramref name="seed"/> and the same
    /// <paramref name="options"/> as the <see cref="Explore"/> that found it, and rethrows its failure
    /// as itself. Returns the run's report if it passed.
    /// </summary>
    public static SimulationReport Replay(int seed, Func<Future> test, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(test);
        options ??= new SimulationOptions();
        options.Validate();
        (Exception? failure, SimulationTrace trace) = RunOne(seed, test, options);
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return new SimulationReport(null, null, trace, 1);
    }

    private static (Exception? Failure, SimulationTrace Trace) RunOne(int seed, Func<Future> test, SimulationOptions options)
    {
        EventLoop? loop = null;
        try
        {
            EventLoop.Run(
                () =>
                {
                    loop = EventLoop.Current;
                    return test();
                },
                options.ForSeed(seed));
            return (null, loop!.Trace!);
        }
        catch (Exception failure) when (loop is not null)
        {
            return (failure, loop.Trace!); // a failure of the run; one before the loop started is the caller's
        }
    }
}

namespace Coro.Tests.Simulation;

using Simulation = Coro.Simulation; // the namespace of this folder would hide the type

/// <summary>Each planted bug (<see cref="PlantedBugs"/>): the default order never shows it, a seed
/// finds it, and that seed replays it step for step.</summary>
public class PlantedBugTests
{
    public static TheoryData<string> Bugs() => [.. PlantedBugs.All.Select(bug => bug.Name)];

    [Theory]
    [MemberData(nameof(Bugs))]
    public void The_default_order_never_shows_the_bug_in_1000_runs(string bug)
    {
        Func<Future> test = TestOf(bug);
        var options = new EventLoopOptions { VirtualTime = true, Timeout = TimeSpan.FromHours(1) };
        for (int run = 0; run < 1000; run++)
        {
            EventLoop.Run(test, options);
        }
    }

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Explore_finds_the_bug_within_1000_schedules_and_its_seed_replays_the_same_trace(string bug)
    {
        Func<Future> test = TestOf(bug);

        SimulationReport report = Simulation.Explore(test, PlantedBugs.Options);

        Assert.NotNull(report.FailingSeed);
        Assert.True(report.SchedulesRun <= 1000);
        Assert.Contains($"Simulation.Replay({report.FailingSeed}, test, options)", report.ToString());
        EventLoop? replayed = null;
        Exception failure = Assert.ThrowsAny<Exception>(() => Simulation.Replay(
            report.FailingSeed!.Value,
            () =>
            {
                replayed = EventLoop.Current;
                return test();
            },
            PlantedBugs.Options));
        Assert.Equal(report.Exception!.GetType(), failure.GetType());
        Assert.Equal(report.Exception.Message, failure.Message);
        Assert.Equal(report.Trace!.Hash, replayed!.Trace!.Hash);
        Assert.Equal(report.Trace.Lines, replayed.Trace.Lines);
        Assert.True(report.Trace.IsReplayable);
    }

    [Fact]
    public void Each_bug_fails_the_way_it_was_planted()
    {
        Assert.IsType<InvalidOperationException>(Simulation.Explore(TestOf("lost update"), PlantedBugs.Options).Exception);
        Assert.IsType<SimulationDeadlockException>(Simulation.Explore(TestOf("check then act"), PlantedBugs.Options).Exception);
        Assert.IsType<TimeoutException>(Simulation.Explore(TestOf("producer and timeout"), PlantedBugs.Options).Exception);
    }

    private static Func<Future> TestOf(string bug) => PlantedBugs.All.Single(planted => planted.Name == bug).Test;
}

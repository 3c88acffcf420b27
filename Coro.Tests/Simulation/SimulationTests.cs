using System.Collections;
using Coro.Tests.EndToEnd;

namespace Coro.Tests.Simulation;

using Simulation = Coro.Simulation; // the namespace of this folder would hide the type

public partial class SimulationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_trace_100_times_in_a_row()
    {
        string first = TraceOf(7).Hash;

        for (int run = 0; run < 100; run++)
        {
            Assert.Equal(first, TraceOf(7).Hash);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace_in_another_process()
    {
        string assembly = typeof(Program).Assembly.Location;

        (int exit, string output) = DotnetCli.Run($"\"{assembly}\" simulation-hash 7", minutes: 2);

        Assert.True(exit == 0, output);
        Assert.Equal(TraceOf(7).Hash, output.Trim());
    }

    [Fact]
    public void Different_seeds_give_different_orders_to_a_program_that_has_freedom()
    {
        var hashes = Enumerable.Range(0, 20).Select(seed => TraceOf(seed).Hash).ToHashSet();

        Assert.True(hashes.Count >= 15, $"20 seeds gave only {hashes.Count} different traces");
    }

    [Fact]
    public void The_trace_is_readable_one_step_a_line_with_the_virtual_time()
    {
        SimulationTrace trace = TraceOf(3);

        string text = trace.ToString();

        Assert.StartsWith($"Seed 3, {trace.Steps} steps, hash {trace.Hash}", text);
        Assert.Contains("+00:00:00 BusyProgram.Worker #1 after Moment", text);
        Assert.Contains("BusyProgram.Run #4 after Future.All of 3", text);
        Assert.Equal(trace.Steps + 1, text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.True(trace.IsReplayable);
    }

    [Fact]
    public void A_loop_without_a_seed_has_no_trace()
    {
        SimulationTrace? trace = TraceOf(1);

        EventLoop.Run(() => Coroutine.Start(Body()), new EventLoopOptions { VirtualTime = true });

        Assert.Null(trace);

        IEnumerable Body()
        {
            trace = EventLoop.Current!.Trace;
            yield break;
        }
    }

    [Fact]
    public void The_clock_of_a_seeded_loop_starts_at_2000_01_01_in_every_run()
    {
        var seen = new List<DateTimeOffset>();

        for (int seed = 0; seed < 2; seed++)
        {
            EventLoop.Run(() => Coroutine.Start(Body()), new EventLoopOptions { Seed = seed });
        }

        Assert.Equal([new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)], seen);

        IEnumerable Body()
        {
            seen.Add(EventLoop.Current!.TimeProvider.GetUtcNow());
            yield break;
        }
    }

    [Fact]
    public void The_loops_random_draws_replay_with_the_seed()
    {
        Assert.Equal(Draws(5), Draws(5));
        Assert.NotEqual(Draws(5), Draws(6));

        static int[] Draws(int seed)
        {
            int[] draws = [];
            EventLoop.Run(() => Coroutine.Start(Body()), new EventLoopOptions { Seed = seed });
            return draws;

            IEnumerable Body()
            {
                Random random = EventLoop.Current!.Random;
                draws = [.. Enumerable.Range(0, 8).Select(_ => random.Next())];
                yield break;
            }
        }
    }

    [Fact]
    public void A_task_completed_on_the_thread_pool_is_named_in_the_trace_as_outside_input()
    {
        SimulationReport report = Simulation.Replay(1, () => Coroutine.Start(Body()));

        Assert.False(report.Trace!.IsReplayable);
        Assert.Contains(report.Trace.Lines, line => line.Contains("from outside the loop (not replayable):", StringComparison.Ordinal)
                                                    && line.Contains("Body", StringComparison.Ordinal));
        Assert.Contains("not replayable", report.Trace.ToString());

        static IEnumerable Body()
        {
            // The pool completes the task, but only once the loop has run out of work (the timer), so
            // it is still running when the coroutine yields it: the loop waits for it, no deadlock.
            var go = new ManualResetEventSlim();
            Task<int> task = Task.Run(() =>
            {
                go.Wait();
                return 42;
            });
            EventLoop.Current!.CallLater(TimeSpan.Zero, go.Set);
            yield return task;
        }
    }

    [Fact]
    public void Another_threads_post_is_named_in_the_trace_as_outside_input()
    {
        SimulationReport report = Simulation.Replay(1, () => Coroutine.Start(Body()));

        Assert.False(report.Trace!.IsReplayable);
        Assert.Contains(report.Trace.Lines, line => line.Contains("from outside the loop (not replayable): SimulationTests.", StringComparison.Ordinal));

        static IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            var posted = new Future();
            Task thread = Task.Run(() => loop.Post(() => posted.SetResult()));
            yield return thread; // waiting for the thread, so the run is not deadlocked
            yield return posted;
        }
    }

    [Fact]
    public void A_run_where_nothing_can_happen_any_more_fails_with_the_coroutine_tree()
    {
        SimulationReport report = Simulation.Explore(() => DeadlockAsync(), new SimulationOptions { Schedules = 1 });

        var deadlock = Assert.IsType<SimulationDeadlockException>(report.Exception);
        CoroutineInfo main = Assert.Single(deadlock.Coroutines, coroutine => coroutine.Name == "SimulationTests.Deadlock");
        Assert.Equal("SimulationTests.Stuck", Assert.Single(main.Awaiting).Name);
        Assert.Equal("Future", main.Awaiting[0].WaitingOn);
        Assert.Contains("SimulationTests.Deadlock", deadlock.Message);
        Assert.Contains("    SimulationTests.Stuck", deadlock.Message);
        Assert.Equal(0, report.FailingSeed);
    }

    [Fact]
    public void A_failed_future_nobody_observed_fails_the_run_when_its_loop_closes()
    {
        var planted = new InvalidOperationException("nobody reads this");

        SimulationReport report = Simulation.Explore(() => Coroutine.Start(Body()), new SimulationOptions { Schedules = 3 });

        Assert.Equal(0, report.FailingSeed);
        Assert.Same(planted, report.Exception!.InnerException);
        Assert.Contains("unobserved", report.Exception.Message);

        IEnumerable Body()
        {
            var forgotten = new Future();
            forgotten.SetException(planted);
            yield return Coroutine.Moment;
        }
    }

    [Fact]
    public void A_run_past_its_steps_or_its_virtual_time_fails()
    {
        SimulationReport steps = Simulation.Explore(() => Coroutine.Start(Spin()), new SimulationOptions { Schedules = 1, MaxSteps = 500 });
        SimulationReport time = Simulation.Explore(() => Coroutine.Start(Sleepy()), new SimulationOptions { Schedules = 1, MaxVirtualTime = TimeSpan.FromMinutes(5) });

        Assert.Contains("MaxSteps", Assert.IsType<TimeoutException>(steps.Exception).Message);
        Assert.Equal(500, steps.Trace!.Steps);
        Assert.Contains("MaxVirtualTime", Assert.IsType<TimeoutException>(time.Exception).Message);

        static IEnumerable Spin()
        {
            while (true)
            {
                yield return Coroutine.Moment;
            }
        }

        static IEnumerable Sleepy()
        {
            while (true)
            {
                yield return Coroutine.Sleep(TimeSpan.FromMinutes(1));
            }
        }
    }

    [Fact]
    public void A_passing_exploration_reports_how_many_schedules_ran()
    {
        SimulationReport report = Simulation.Explore(() => BusyProgram.RunAsync(), new SimulationOptions { Schedules = 50, FirstSeed = 100 });

        Assert.True(report.Passed);
        Assert.Null(report.Exception);
        Assert.Equal(50, report.SchedulesRun);
        Assert.Equal(149, report.Trace!.Seed);
        Assert.Equal("No failure in 50 schedules.", report.ToString());
    }

    [Fact]
    public void Replay_rethrows_the_failure_as_itself()
    {
        var planted = new FormatException("planted");

        Exception thrown = Assert.Throws<FormatException>(() => Simulation.Replay(4, () => Future.FromException(planted)));

        Assert.Same(planted, thrown);
    }

    [Fact]
    public void Seed_cannot_be_combined_with_a_time_provider_and_jitter_needs_a_seed()
    {
        Assert.Throws<ArgumentException>(() => EventLoop.Run(() => Future.Completed, new EventLoopOptions { Seed = 1, TimeProvider = TimeProvider.System }));
        Assert.Throws<ArgumentException>(() => EventLoop.Run(() => Future.Completed, new EventLoopOptions { TimerJitter = TimeSpan.FromSeconds(1) }));
        Assert.Throws<ArgumentException>(() => EventLoop.Run(() => Future.Completed, new EventLoopOptions { Seed = 1, TimerJitter = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Timer_jitter_fires_timers_late_by_up_to_the_jitter_and_never_early()
    {
        var late = new List<TimeSpan>();

        for (int seed = 0; seed < 200; seed++)
        {
            EventLoop.Run(() => Coroutine.Start(Body()), new EventLoopOptions { Seed = seed, TimerJitter = TimeSpan.FromMilliseconds(50) });
        }

        Assert.All(late, lateBy => Assert.InRange(lateBy, TimeSpan.Zero, TimeSpan.FromMilliseconds(50)));
        Assert.True(late.Distinct().Count() > 100, "the jitter hardly varies");

        IEnumerable Body()
        {
            TimeProvider clock = EventLoop.Current!.TimeProvider;
            long start = clock.GetTimestamp();
            yield return Coroutine.Sleep(TimeSpan.FromSeconds(1));
            late.Add(clock.GetElapsedTime(start) - TimeSpan.FromSeconds(1));
        }
    }

    internal static SimulationTrace TraceOf(int seed)
    {
        EventLoop? loop = null;
        EventLoop.Run(
            () =>
            {
                loop = EventLoop.Current;
                return BusyProgram.RunAsync();
            },
            new EventLoopOptions { Seed = seed });
        return loop!.Trace!;
    }

    [Coroutine]
    private static partial IEnumerable<Future> Deadlock()
    {
        yield return StuckAsync(new Future());
    }

    [Coroutine]
    private static partial IEnumerable<Future> Stuck(Future never)
    {
        yield return never;
    }
}

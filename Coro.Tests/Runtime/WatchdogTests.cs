using System.Collections;
using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Coro.Tests.Runtime;

public class WatchdogTests
{
    private static readonly TimeSpan s_threshold = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void A_600_ms_step_is_reported_while_it_runs_and_when_it_ends()
    {
        var clock = new FakeTimeProvider();
        var reports = new ConcurrentQueue<(SlowStep Report, bool OnLoopThread)>();
        using var reportedWhileRunning = new ManualResetEventSlim();
        int loopThread = -1;
        var options = new EventLoopOptions
        {
            TimeProvider = clock,
            SlowStepThreshold = s_threshold,
            SlowStep = report =>
            {
                reports.Enqueue((report, Environment.CurrentManagedThreadId == loopThread));
                if (!report.Finished)
                {
                    reportedWhileRunning.Set();
                }
            },
        };

        EventLoop.Run(() => Coroutine.Start(SlowWorker()), options);

        Assert.Equal(
            [
                (new SlowStep("WatchdogTests.SlowWorker", TimeSpan.FromMilliseconds(600), Finished: false), false),
                (new SlowStep("WatchdogTests.SlowWorker", TimeSpan.FromMilliseconds(600), Finished: true), true),
            ],
            reports);

        IEnumerable SlowWorker()
        {
            loopThread = Environment.CurrentManagedThreadId;
            yield return Coroutine.Moment;
            clock.Advance(TimeSpan.FromMilliseconds(600)); // the step "takes" 600 ms of the loop's clock
            Assert.True(reportedWhileRunning.Wait(Loop.Timeout), "the watchdog did not report the step while it ran");
        }
    }

    [Fact]
    public void A_step_that_blocks_in_real_time_is_reported_while_it_blocks()
    {
        var reports = new ConcurrentQueue<SlowStep>();
        using var reportedWhileRunning = new ManualResetEventSlim();
        var options = new EventLoopOptions
        {
            Timeout = Loop.Timeout,
            SlowStepThreshold = s_threshold,
            SlowStep = report =>
            {
                reports.Enqueue(report);
                if (!report.Finished)
                {
                    reportedWhileRunning.Set();
                }
            },
        };

        EventLoop.Run(() => Coroutine.Start(Blocker()), options);

        SlowStep[] seen = [.. reports];
        Assert.Equal(2, seen.Length);
        Assert.Equal(("WatchdogTests.Blocker", false), (seen[0].Name, seen[0].Finished));
        Assert.Equal(("WatchdogTests.Blocker", true), (seen[1].Name, seen[1].Finished));
        Assert.True(seen[0].Duration >= s_threshold);
        Assert.True(seen[1].Duration >= seen[0].Duration);

        IEnumerable Blocker()
        {
            yield return null;
            reportedWhileRunning.Wait(Loop.Timeout); // a blocking call in a coroutine: what the watchdog is for
        }
    }

    [Fact]
    public void A_slow_callback_is_named_by_its_method()
    {
        var clock = new FakeTimeProvider();
        var reports = new ConcurrentQueue<SlowStep>();
        var options = new EventLoopOptions { TimeProvider = clock, SlowStepThreshold = s_threshold, SlowStep = reports.Enqueue };

        EventLoop.Run(() => Coroutine.Start(Body()), options);

        Assert.Contains(new SlowStep("WatchdogTests.SlowCallback", TimeSpan.FromSeconds(1), Finished: true), reports);

        IEnumerable Body()
        {
            EventLoop.Current!.Post(SlowCallback);
            yield return Coroutine.Moment;
        }

        void SlowCallback() => clock.Advance(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_fast_program_is_not_reported()
    {
        var reports = new ConcurrentQueue<SlowStep>();
        var options = new EventLoopOptions { TimeProvider = new FakeTimeProvider(), SlowStepThreshold = TimeSpan.FromTicks(1), SlowStep = reports.Enqueue };

        int steps = EventLoop.Run(() => Coroutine.Start<int>(Main()), options);

        Assert.Equal(1000, steps);
        Assert.Empty(reports);

        IEnumerable Main()
        {
            Future<int>[] workers = [.. Enumerable.Range(0, 100).Select(_ => Coroutine.Start<int>(Worker()))];
            yield return Future.All(workers);
            yield return Coroutine.Return(workers.Sum(worker => worker.Result));
        }

        IEnumerable Worker()
        {
            int steps = 0;
            for (; steps < 10; steps++)
            {
                yield return Coroutine.Moment;
            }

            yield return Coroutine.Return(steps);
        }
    }

    [Fact]
    public void A_threshold_without_a_handler_is_refused()
    {
        var options = new EventLoopOptions { SlowStepThreshold = s_threshold };

        var error = Assert.Throws<ArgumentException>(() => EventLoop.Run(() => Future.Completed, options));

        Assert.Contains("SlowStep", error.Message);
    }
}

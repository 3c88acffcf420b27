using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Coro.Hosting.Tests;

/// <summary>
/// The hosted loop in a host of the test process, its log collected. Steps that must block the loop
/// wait on an event the test sets; every wait is for an event or a log entry, never for time.
/// </summary>
public sealed partial class HostedLoopTests
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_main_that_completes_stops_the_host()
    {
        var log = new CollectedLog();
        using IHost host = TestHost.Build(log, services => services.AddCoroutineLoop((_, _) => Future.Completed));

        await host.RunAsync().WaitAsync(s_patience);

        Assert.Single(log.Coro("MainCompleted"));
        Assert.Empty(log.Coro("MainFailed"));
    }

    [Fact]
    public async Task Stopping_the_host_cancels_the_token_on_the_loops_thread_and_then_main()
    {
        var log = new CollectedLog();
        var seen = new TaskCompletionSource<(bool OnLoop, bool MainDone)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Future? main = null;
        using IHost host = TestHost.Build(log, services => services.AddCoroutineLoop((_, stopping) =>
        {
            main = new Future();
            stopping.Register(() => seen.TrySetResult((EventLoop.Current is not null, main.IsDone)));
            called.SetResult();
            return main;
        }));
        await host.StartAsync();
        await called.Task.WaitAsync(s_patience); // a host stopped before the loop called main never calls it

        await host.StopAsync();

        (bool onLoop, bool mainDone) = await seen.Task.WaitAsync(s_patience);
        Assert.True(onLoop, "the token was cancelled off the loop's thread");
        Assert.False(mainDone, "main was cancelled before the token");
        Assert.True(main!.IsCanceled);
        Assert.Single(log.Coro("LoopStopped"));
    }

    [Fact]
    public async Task An_unobserved_failure_is_logged_with_its_exception()
    {
        var log = new CollectedLog();
        using IHost host = TestHost.Build(log, services => services.AddCoroutineLoop((_, _) => new Future()));
        await host.StartAsync();
        var failure = new InvalidOperationException("nobody looked at this");

        DropFaulted(failure);
        for (int i = 0; i < 10 && !log.Coro("UnobservedFailure").Any(e => ReferenceEquals(e.Exception, failure)); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        LogEntry entry = Assert.Single(log.Coro("UnobservedFailure"), e => ReferenceEquals(e.Exception, failure));
        Assert.Equal(LogLevel.Error, entry.Level);
        await host.StopAsync();
    }

    /// <summary>Waits for a slow-step entry about <see cref="Blocking.Block"/>: on a busy machine other
    /// steps (the loop's main, while methods are compiled) may be slow too.</summary>
    private static LogEntry WaitForBlockingStep(CollectedLog log, string eventName) =>
        log.WaitFor(e => e.EventId.Name == eventName && e.Message.StartsWith("Blocking.Block ", StringComparison.Ordinal), eventName + " of Blocking.Block");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropFaulted(Exception failure)
    {
        var future = new Future();
        future.SetException(failure);
    }

    [Fact]
    public async Task A_slow_step_is_logged_while_it_runs_and_when_it_ends_and_the_options_own_callback_is_called_too()
    {
        var log = new CollectedLog();
        var reports = new ConcurrentQueue<SlowStep>();
        using var release = new ManualResetEventSlim();
        var options = new EventLoopOptions { SlowStepThreshold = TimeSpan.FromMilliseconds(20), SlowStep = reports.Enqueue };
        using IHost host = TestHost.Build(log, services => services.AddCoroutineLoop((_, _) => new Blocking(release).BlockAsync(), options));
        await host.StartAsync();

        LogEntry running = WaitForBlockingStep(log, "SlowStepRunning"); // the step waits for release: it runs now
        release.Set();
        LogEntry finished = WaitForBlockingStep(log, "SlowStepFinished");

        Assert.Equal(LogLevel.Warning, running.Level);
        Assert.Contains("Blocking.Block is holding the loop", running.Message);
        Assert.Contains("Blocking.Block held the loop for", finished.Message);
        Assert.Equal([false, true], reports.Where(r => r.Name == "Blocking.Block").Select(r => r.Finished));
        await host.StopAsync();
    }

    [Fact]
    public async Task StopAsync_with_a_loop_blocked_past_the_shutdown_timeout_returns_and_logs_the_step_that_holds_it()
    {
        var log = new CollectedLog();
        using var release = new ManualResetEventSlim();
        var options = new EventLoopOptions { SlowStepThreshold = TimeSpan.FromMilliseconds(20) };
        using IHost host = TestHost.Build(
            log,
            services => services.AddCoroutineLoop((_, _) => new Blocking(release).BlockAsync(), options),
            shutdownTimeout: TimeSpan.FromMilliseconds(200));
        await host.StartAsync();
        WaitForBlockingStep(log, "SlowStepRunning"); // the watchdog has seen the step that blocks

        await host.StopAsync().WaitAsync(s_patience);

        // StopAsync returned while the step still held the loop: at the shutdown timeout.
        Assert.False(release.IsSet);
        Assert.Empty(log.Coro("LoopStopped"));
        LogEntry blocked = Assert.Single(log.Coro("LoopStillBlocked"));
        Assert.Equal(LogLevel.Error, blocked.Level);
        Assert.Contains("shutdown timeout: Blocking.Block holds it", blocked.Message);

        // Once the step lets go, the stop that waited in the loop's queue ends it.
        release.Set();
        log.WaitForCoro("LoopStopped");
    }

    [Fact]
    public async Task A_blocked_loop_the_watchdog_has_not_seen_yet_is_still_reported_when_StopAsync_returns()
    {
        // On a fake clock that nobody advances, the watchdog never finds the step slow.
        var log = new CollectedLog();
        using var blocking = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var options = new EventLoopOptions { TimeProvider = new FakeTimeProvider() };
        using IHost host = TestHost.Build(
            log,
            services => services.AddCoroutineLoop((_, _) => new Blocking(release, blocking).BlockAsync(), options),
            shutdownTimeout: TimeSpan.FromMilliseconds(100));
        await host.StartAsync();
        Assert.True(blocking.Wait(s_patience));

        await host.StopAsync().WaitAsync(s_patience);

        Assert.False(release.IsSet);
        LogEntry blocked = Assert.Single(log.Coro("LoopStillBlocked"));
        Assert.Contains("a step that began less than a watchdog threshold ago holds it", blocked.Message);
        release.Set();
        log.WaitForCoro("LoopStopped");
    }

    [Fact]
    public void The_hosted_loop_runs_with_every_option_it_was_given()
    {
        // A property added to EventLoopOptions must be copied in SlowStepWatch.Options too.
        Assert.Equal(
            ["Seed", "SlowStep", "SlowStepThreshold", "TimeProvider", "Timeout", "TimerJitter", "VirtualTime"],
            typeof(EventLoopOptions).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));

        var clock = new FakeTimeProvider();
        (EventLoopOptions timed, _) = SlowStepWatch.Options(
            new EventLoopOptions { TimeProvider = clock, Timeout = TimeSpan.FromSeconds(5), SlowStepThreshold = TimeSpan.FromSeconds(3), SlowStep = _ => { } },
            NullLogger.Instance);
        Assert.Same(clock, timed.TimeProvider);
        Assert.Equal(TimeSpan.FromSeconds(5), timed.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(3), timed.SlowStepThreshold);

        (EventLoopOptions virtualTime, _) = SlowStepWatch.Options(new EventLoopOptions { VirtualTime = true }, NullLogger.Instance);
        Assert.True(virtualTime.VirtualTime);
        Assert.Equal(SlowStepWatch.QuietThreshold, virtualTime.SlowStepThreshold); // on, to name a step that blocks a stop
        Assert.NotNull(virtualTime.SlowStep);

        (EventLoopOptions simulated, _) = SlowStepWatch.Options(new EventLoopOptions { Seed = 7, TimerJitter = TimeSpan.FromSeconds(1) }, NullLogger.Instance);
        Assert.Equal(7, simulated.Seed);
        Assert.Equal(TimeSpan.FromSeconds(1), simulated.TimerJitter);
    }

    [Fact]
    public void A_SlowStep_callback_without_a_threshold_is_refused_when_the_loop_is_added()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddCoroutineLoop((_, _) => Future.Completed, new EventLoopOptions { SlowStep = _ => { } }));

        Assert.Contains("SlowStepThreshold", error.Message);
    }

    /// <summary>A coroutine whose second step sets <c>blocking</c> and holds the loop until the test sets
    /// <c>release</c>, then sleeps.</summary>
    private sealed partial class Blocking(ManualResetEventSlim release, ManualResetEventSlim? blocking = null)
    {
        [Coroutine]
        public partial IEnumerable<Future> Block()
        {
            yield return Coroutine.Moment; // the first step runs inside the loop's main; block in a step of our own
            blocking?.Set();
            release.Wait();
            yield return Coroutine.Sleep(TimeSpan.FromHours(1));
        }
    }
}

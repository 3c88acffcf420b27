using System.Collections;
using Microsoft.Extensions.Time.Testing;

namespace Coro.Tests.Runtime;

public class FakeTimeProviderTests
{
    [Fact]
    public void A_FakeTimeProvider_advanced_from_another_thread_wakes_a_sleeping_coroutine()
    {
        var clock = new FakeTimeProvider();
        using var asleep = new ManualResetEventSlim();
        bool finished = false;
        bool finishedAfterFourMinutes = true;
        var advancer = new Thread(() =>
        {
            asleep.Wait();
            clock.Advance(TimeSpan.FromMinutes(4)); // not yet
            finishedAfterFourMinutes = Volatile.Read(ref finished);
            clock.Advance(TimeSpan.FromMinutes(1));
        });
        advancer.Start();

        RunOnOwnThread(() => EventLoop.Run(() => Coroutine.Start(Body()), new EventLoopOptions { TimeProvider = clock }));

        advancer.Join();
        Assert.False(finishedAfterFourMinutes);
        Assert.True(finished);

        IEnumerable Body()
        {
            Assert.Same(clock, EventLoop.Current!.TimeProvider);
            Future sleep = Coroutine.Sleep(TimeSpan.FromMinutes(5));
            asleep.Set();
            yield return sleep;
            Volatile.Write(ref finished, true);
        }
    }

    [Fact]
    public void WithTimeout_and_Run_timeouts_follow_the_FakeTimeProvider()
    {
        var clock = new FakeTimeProvider();
        var never = new Future();
        using var waiting = new ManualResetEventSlim();
        var advancer = new Thread(() =>
        {
            waiting.Wait();
            clock.Advance(TimeSpan.FromSeconds(2));
        });
        advancer.Start();

        Exception? error = null;
        RunOnOwnThread(() => error = Record.Exception(() => EventLoop.Run(() => Coroutine.Start(Body()), new EventLoopOptions { TimeProvider = clock, Timeout = TimeSpan.FromDays(1) })));

        advancer.Join();
        Assert.IsType<TimeoutException>(error);
        Assert.True(never.IsCanceled);

        IEnumerable Body()
        {
            Future timed = never.WithTimeout(TimeSpan.FromSeconds(2));
            waiting.Set();
            yield return timed;
        }
    }

    /// <summary>Runs the loop on a thread of its own, so that a loop that never wakes fails the test
    /// instead of hanging the suite (a fake clock also stops Run's own timeout).</summary>
    internal static void RunOnOwnThread(Action run)
    {
        Exception? failure = null;
        var thread = new Thread(() => failure = Record.Exception(run)) { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(Loop.Timeout), "the loop did not finish");
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }
}

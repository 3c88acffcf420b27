using System.Collections;
using System.Diagnostics;

namespace Coro.Tests.Runtime;

public class VirtualTimeTests
{
    private static readonly EventLoopOptions s_virtual = new() { VirtualTime = true, Timeout = TimeSpan.FromDays(1) };

    [Fact]
    public void Sleeps_of_an_hour_then_two_hours_finish_at_once()
    {
        TimeSpan slept = default;
        var realTime = Stopwatch.StartNew();

        EventLoop.Run(() => Coroutine.Start(Body()), s_virtual);

        Assert.Equal(TimeSpan.FromHours(3), slept);
        Assert.True(realTime.Elapsed < TimeSpan.FromSeconds(10), $"three virtual hours took {realTime.Elapsed} of real time");

        IEnumerable Body()
        {
            TimeProvider clock = EventLoop.Current!.TimeProvider;
            long start = clock.GetTimestamp();
            yield return Coroutine.Sleep(TimeSpan.FromHours(1));
            yield return Coroutine.Sleep(TimeSpan.FromHours(2));
            slept = clock.GetElapsedTime(start);
        }
    }

    [Fact]
    public void Timers_fire_in_deadline_order_at_exactly_their_virtual_offsets()
    {
        var fired = new List<(string Name, TimeSpan At)>();

        EventLoop.Run(() => Coroutine.Start(Body()), s_virtual);

        Assert.Equal(
            [
                ("a", TimeSpan.FromSeconds(10)),
                ("b", TimeSpan.FromSeconds(10)),
                ("c", TimeSpan.FromMilliseconds(20_001)),
                ("sleep", TimeSpan.FromMinutes(1)),
                ("d", TimeSpan.FromHours(5)),
            ],
            fired);

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            long start = loop.TimeProvider.GetTimestamp();
            void Mark(string name) => fired.Add((name, loop.TimeProvider.GetElapsedTime(start)));
            loop.CallLater(TimeSpan.FromHours(5), () => Mark("d"));
            loop.CallLater(TimeSpan.FromMilliseconds(20_001), () => Mark("c"));
            loop.CallLater(TimeSpan.FromSeconds(10), () => Mark("a"));
            loop.CallLater(TimeSpan.FromSeconds(10), () => Mark("b"));
            loop.CallLater(TimeSpan.FromSeconds(15), () => Mark("cancelled")).Dispose();
            yield return Coroutine.Sleep(TimeSpan.FromMinutes(1));
            Mark("sleep");
            yield return Coroutine.Sleep(TimeSpan.FromHours(6));
        }
    }

    [Fact]
    public void WithTimeout_times_out_in_virtual_time()
    {
        var never = new Future<int>();
        TimeSpan waited = default;

        var error = Assert.Throws<TimeoutException>(() => EventLoop.Run(() => Coroutine.Start(Body()), s_virtual));

        Assert.Contains("00:30:00", error.Message);
        Assert.Equal(TimeSpan.FromMinutes(30), waited);
        Assert.True(never.IsCanceled);

        IEnumerable Body()
        {
            TimeProvider clock = EventLoop.Current!.TimeProvider;
            long start = clock.GetTimestamp();
            try
            {
                yield return never.WithTimeout(TimeSpan.FromMinutes(30));
            }
            finally
            {
                waited = clock.GetElapsedTime(start);
            }
        }
    }

    [Fact]
    public void Run_times_out_in_virtual_time()
    {
        var never = new Future();

        Assert.Throws<TimeoutException>(() => EventLoop.Run(() => never, new EventLoopOptions { VirtualTime = true, Timeout = TimeSpan.FromDays(365) }));

        Assert.True(never.IsCanceled);
    }

    [Fact]
    public void The_virtual_clock_starts_at_the_real_now_and_its_UtcNow_moves_with_the_jumps()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;
        (DateTimeOffset Start, DateTimeOffset End) seen = default;

        EventLoop.Run(() => Coroutine.Start(Body()), s_virtual);

        Assert.InRange(seen.Start, before, DateTimeOffset.UtcNow);
        Assert.Equal(TimeSpan.FromHours(20), seen.End - seen.Start);

        IEnumerable Body()
        {
            TimeProvider clock = EventLoop.Current!.TimeProvider;
            DateTimeOffset start = clock.GetUtcNow();
            yield return Coroutine.Sleep(TimeSpan.FromHours(20));
            seen = (start, clock.GetUtcNow());
        }
    }

    [Fact]
    public void With_no_timer_pending_virtual_time_waits_for_a_task_in_real_time()
    {
        using var release = new ManualResetEventSlim();

        int result = EventLoop.Run(() => Coroutine.Start<int>(Body()), new EventLoopOptions { VirtualTime = true });

        Assert.Equal(42, result);

        IEnumerable Body()
        {
            Future<int> work = Future.FromTask(Task.Run(() =>
            {
                release.Wait();
                return 42;
            }));
            EventLoop.Current!.CallLater(TimeSpan.Zero, release.Set); // the task is released only once the loop runs
            yield return work;
            yield return Coroutine.Return(work.Result);
        }
    }

    [Fact]
    public void With_a_timer_pending_virtual_time_does_not_wait_for_a_task()
    {
        using var release = new ManualResetEventSlim();
        Task<int> task = Task.Run(() =>
        {
            release.Wait();
            return 42;
        });

        try
        {
            Assert.Throws<TimeoutException>(() => EventLoop.Run(() => Future.FromTask(task).WithTimeout(TimeSpan.FromHours(1)), new EventLoopOptions { VirtualTime = true }));
            Assert.False(task.IsCompleted); // the hour passed in virtual time while the task still ran
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void VirtualTime_with_a_TimeProvider_is_refused()
    {
        var options = new EventLoopOptions { VirtualTime = true, TimeProvider = TimeProvider.System };

        var error = Assert.Throws<ArgumentException>(() => EventLoop.Run(() => Future.Completed, options));

        Assert.Contains("VirtualTime", error.Message);
    }
}

using System.Collections;

namespace Coro.Tests.Runtime;

public class EventLoopTests
{
    [Fact]
    public void Run_returns_the_result_of_main_and_Current_is_the_loop_only_inside_it()
    {
        EventLoop? inside = null;
        SynchronizationContext? contextInside = null;

        int result = EventLoop.Run(() =>
        {
            inside = EventLoop.Current;
            contextInside = SynchronizationContext.Current;
            return Future.FromResult(9);
        });

        Assert.Equal(9, result);
        Assert.NotNull(inside);
        Assert.NotNull(contextInside);
        Assert.Null(EventLoop.Current);
        Assert.NotSame(contextInside, SynchronizationContext.Current);
    }

    [Fact]
    public void Run_rethrows_the_exception_of_main()
    {
        var thrown = new DivideByZeroException();

        var rethrown = Assert.Throws<DivideByZeroException>(() => EventLoop.Run(() => Future.FromException<int>(thrown)));

        Assert.Same(thrown, rethrown);
    }

    [Fact]
    public void Run_cannot_nest_inside_a_running_loop()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            EventLoop.Run(() => Future.FromResult(EventLoop.Run(() => Future.FromResult(1)))));

        Assert.Contains("already runs an event loop", error.Message);
    }

    [Fact]
    public void Posts_from_4_threads_of_250000_each_are_all_run_in_each_threads_order()
    {
        const int Threads = 4;
        const int PerThread = 250_000;
        var lastSeen = new int[Threads];
        Array.Fill(lastSeen, -1);
        int outOfOrder = 0;
        int ran = 0;

        EventLoop.Run(
            () =>
            {
                EventLoop loop = EventLoop.Current!;
                var done = new Future();
                for (int t = 0; t < Threads; t++)
                {
                    int thread = t;
                    new Thread(() =>
                    {
                        for (int i = 0; i < PerThread; i++)
                        {
                            int sequence = i;
                            loop.Post(() =>
                            {
                                if (lastSeen[thread] != sequence - 1)
                                {
                                    outOfOrder++;
                                }

                                lastSeen[thread] = sequence;
                                if (++ran == Threads * PerThread)
                                {
                                    done.SetResult();
                                }
                            });
                        }
                    }).Start();
                }

                return done;
            },
            Loop.Timeout);

        Assert.Equal(Threads * PerThread, ran);
        Assert.Equal(0, outOfOrder);
        Assert.All(lastSeen, last => Assert.Equal(PerThread - 1, last));
    }

    [Fact]
    public void Timers_fire_in_deadline_order_and_a_disposed_timer_never_fires()
    {
        var fired = new List<int>();

        Loop.Run(() => Body());

        Assert.Equal([10, 20, 21, 30], fired);

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            loop.CallLater(TimeSpan.FromMilliseconds(30), () => fired.Add(30));
            loop.CallLater(TimeSpan.FromMilliseconds(20), () => fired.Add(20));
            IDisposable cancelled = loop.CallLater(TimeSpan.FromMilliseconds(15), () => fired.Add(15));
            loop.CallLater(TimeSpan.FromMilliseconds(10), () => fired.Add(10));
            loop.CallLater(TimeSpan.FromMilliseconds(20), () => fired.Add(21)); // same deadline: set later, fires later
            cancelled.Dispose();
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(60));
        }
    }

    [Fact]
    public void Disposing_a_timer_after_it_ran_does_nothing()
    {
        int runs = 0;

        Loop.Run(() => Body());

        Assert.Equal(1, runs);

        IEnumerable Body()
        {
            IDisposable timer = EventLoop.Current!.CallLater(TimeSpan.Zero, () => runs++);
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(5));
            timer.Dispose();
            timer.Dispose();
        }
    }

    [Fact]
    public void A_timer_disposed_after_it_came_due_but_before_it_ran_never_fires()
    {
        // A fake clock moved past both deadlines inside one step: both timers are due in the same
        // turn, and the first one disposes the second before it runs.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        bool fired = false;
        bool bothDueWhenDisposed = false;

        EventLoop.Run(() => Coroutine.Start(Body()), new EventLoopOptions { TimeProvider = clock, Timeout = Loop.Timeout });

        Assert.True(bothDueWhenDisposed);
        Assert.False(fired);

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            IDisposable? timer = null;
            DateTimeOffset secondDue = clock.GetUtcNow() + TimeSpan.FromMilliseconds(1);
            loop.CallLater(TimeSpan.Zero, () =>
            {
                bothDueWhenDisposed = clock.GetUtcNow() >= secondDue;
                timer!.Dispose();
            });
            timer = loop.CallLater(TimeSpan.FromMilliseconds(1), () => fired = true);
            clock.Advance(TimeSpan.FromMilliseconds(5));
            yield return Coroutine.Moment; // the turn that runs the due timers
            yield return Coroutine.Moment;
        }
    }

    [Fact]
    public void CallLater_from_another_thread_is_refused()
    {
        Loop.Run(() => Body());

        static IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            Task<Exception?> attempt = Task.Run<Exception?>(() => Record.Exception(() => loop.CallLater(TimeSpan.Zero, () => { })));
            yield return attempt;
            Assert.IsType<InvalidOperationException>(attempt.Result);
        }
    }

    [Fact]
    public void Run_timeout_cancels_main_and_throws_TimeoutException()
    {
        bool finallyRan = false;
        Future? main = null;

        Assert.Throws<TimeoutException>(() => EventLoop.Run(
            () => main = Coroutine.Start(Body()),
            TimeSpan.FromMilliseconds(50)));

        Assert.True(main!.IsCanceled);
        Assert.True(finallyRan);

        IEnumerable Body()
        {
            try
            {
                yield return new Future(); // never completes
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void Stop_before_main_is_done_makes_Run_throw()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() =>
        {
            EventLoop.Current!.Post(EventLoop.Current.Stop);
            return new Future();
        }));

        Assert.Contains("stopped before its future was done", error.Message);
    }

    public static TheoryData<string> WaysToStop => ["from main's body", "from CallLater", "from another thread"];

    [Theory]
    [MemberData(nameof(WaysToStop))]
    public void Stop_before_a_main_coroutine_is_done_makes_Run_throw_InvalidOperationException(string how)
    {
        bool finallyRan = false;

        var error = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => Coroutine.Start<int>(Main()), Loop.Timeout));

        Assert.Contains("stopped before its future was done", error.Message);
        Assert.True(finallyRan, "the closing loop did not stop the main coroutine's body");

        IEnumerable Main()
        {
            EventLoop loop = EventLoop.Current!;
            try
            {
                switch (how)
                {
                    case "from main's body":
                        loop.Stop();
                        break;
                    case "from CallLater":
                        loop.CallLater(TimeSpan.Zero, loop.Stop);
                        break;
                    default:
                        var stopper = new Thread(loop.Stop);
                        stopper.Start();
                        stopper.Join();
                        break;
                }

                yield return new Future(); // never done
                yield return Coroutine.Return(1);
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void Stop_in_the_step_that_finishes_main_still_returns_its_result()
    {
        int result = EventLoop.Run(() => Coroutine.Start<int>(Main()), Loop.Timeout);

        Assert.Equal(3, result);

        static IEnumerable Main()
        {
            yield return Coroutine.Moment;
            EventLoop.Current!.Stop();
            yield return Coroutine.Return(3);
        }
    }

    [Fact]
    public void A_callback_that_throws_stops_the_loop_and_Run_rethrows_it()
    {
        var thrown = new NotSupportedException("bad callback");

        var rethrown = Assert.Throws<NotSupportedException>(() => EventLoop.Run(() =>
        {
            EventLoop.Current!.Post(() => throw thrown);
            return new Future();
        }));

        Assert.Same(thrown, rethrown);
    }

    [Fact]
    public void Closing_the_loop_cancels_suspended_coroutines_and_refuses_new_posts()
    {
        bool finallyRan = false;
        Future? background = null;
        EventLoop? loop = null;

        EventLoop.Run(() =>
        {
            loop = EventLoop.Current;
            background = Coroutine.Start(Background());
            return Future.FromTask(Task.Delay(10));
        });

        Assert.True(background!.IsCanceled);
        Assert.True(finallyRan);
        Assert.Throws<InvalidOperationException>(() => loop!.Post(() => { }));

        IEnumerable Background()
        {
            try
            {
                yield return new Future();
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void AddFuture_runs_the_callback_on_the_loop_thread()
    {
        int loopThread = 0;
        int callbackThread = 0;

        Loop.Run(() => Body());

        Assert.Equal(loopThread, callbackThread);

        IEnumerable Body()
        {
            loopThread = Environment.CurrentManagedThreadId;
            var future = new Future();
            var done = new Future();
            EventLoop.Current!.AddFuture(future, _ =>
            {
                callbackThread = Environment.CurrentManagedThreadId;
                done.SetResult();
            });
            new Thread(() => future.SetResult()).Start();
            yield return done;
        }
    }

    [Fact]
    public void Await_in_async_code_called_from_a_coroutine_returns_to_the_loop()
    {
        int loopThread = 0;
        var threads = new List<int>();

        Loop.Run(() => Body());

        Assert.Equal([loopThread, loopThread], threads);

        IEnumerable Body()
        {
            loopThread = Environment.CurrentManagedThreadId;
            yield return Helper();
        }

        async Task Helper()
        {
            await Task.Delay(5);
            threads.Add(Environment.CurrentManagedThreadId);
            await Coroutine.Sleep(TimeSpan.FromMilliseconds(5));
            threads.Add(Environment.CurrentManagedThreadId);
        }
    }
    [Fact]
    public void Awaiting_Moment_in_async_code_gives_the_loop_a_turn()
    {
        var log = new List<string>();

        Loop.Run(() => Body());

        Assert.Equal(["posted", "after await"], log);

        IEnumerable Body()
        {
            yield return Helper();
        }

        async Task Helper()
        {
            EventLoop.Current!.Post(() => log.Add("posted"));
            await Coroutine.Moment;
            log.Add("after await");
        }
    }
}

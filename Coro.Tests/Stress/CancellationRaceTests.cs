using System.Collections;
using Coro.Tests.Runtime;

namespace Coro.Tests.Stress;

/// <summary>
/// Cancellation and outside completion in each order that the loop can see them, forced rather than
/// hoped for: the other thread runs to the end (<see cref="OnAnotherThread"/> joins it) while the
/// loop's thread is inside a step, so what it posted waits for the loop exactly as a
/// <see cref="CancellationTokenSource"/> firing on a pool thread would make it wait.
/// </summary>
public class CancellationRaceTests
{
    [Fact]
    public void Main_cancelled_from_another_thread_just_before_the_loop_stops_still_runs_its_finally()
    {
        bool finallyRan = false;
        Future? main = null;

        Assert.Throws<OperationCanceledException>(() => EventLoop.Run(
            () =>
            {
                main = Coroutine.Start(Main());
                EventLoop.Current!.Post(() => OnAnotherThread(() => main.Cancel()));
                return main;
            },
            Loop.Timeout));

        Assert.True(main!.IsCanceled);
        Assert.True(finallyRan, "the body of a coroutine cancelled from another thread was never disposed");

        IEnumerable Main()
        {
            try
            {
                yield return new Future(); // never done
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void An_item_handed_to_a_getter_cancelled_from_another_thread_before_it_resumed_goes_back()
    {
        var queue = new FutureQueue<string>();
        var consumed = new List<string>();

        Loop.Run(() => Main());

        Assert.Empty(consumed);
        Assert.True(queue.TryGet(out string? item));
        Assert.Equal("item", item);

        IEnumerable Main()
        {
            Future consumer = Coroutine.Start(Consume(queue, consumed));
            yield return Coroutine.Moment;              // the consumer waits in Get

            queue.Put("item");                          // handed over; the consumer's resume is queued
            OnAnotherThread(() => consumer.Cancel());   // and its stop queued behind it
            yield return consumer.Settled();
        }
    }

    [Fact]
    public void A_permit_granted_to_an_acquire_cancelled_from_another_thread_before_it_resumed_goes_back()
    {
        var semaphore = new FutureSemaphore(1);
        bool acquired = false;

        Loop.Run(() => Main());

        Assert.False(acquired);
        Assert.Equal(1, semaphore.Available);

        IEnumerable Main()
        {
            yield return semaphore.Acquire();           // Main holds the only permit
            Future waiter = Coroutine.Start(Acquire());
            yield return Coroutine.Moment;              // the waiter waits for it

            semaphore.Release();                        // granted to the waiter; its resume is queued
            OnAnotherThread(() => waiter.Cancel());
            yield return waiter.Settled();
        }

        IEnumerable Acquire()
        {
            yield return semaphore.Acquire();
            acquired = true;
        }
    }

    // Only its body or Cancel() ends a coroutine (a result set from outside throws: see
    // Completing_a_coroutine_from_outside_during_its_step_throws_and_the_step_goes_on).
    public static TheoryData<string> WaysToEndAStep => ["self-cancel", "cancel from another thread"];

    [Theory]
    [MemberData(nameof(WaysToEndAStep))]
    public void An_item_a_get_took_at_once_goes_back_when_the_coroutine_ends_during_that_step(string how)
    {
        var queue = new FutureQueue<int>();
        queue.Put(42);
        bool readIt = false;

        Loop.Run(() => Main());

        Assert.False(readIt);
        Assert.True(queue.TryGet(out int item), "the item the get took during the step was lost");
        Assert.Equal(42, item);

        IEnumerable Main()
        {
            Future<int>? self = null;
            self = Coroutine.Start<int>(Body());
            yield return self.Settled();

            IEnumerable Body()
            {
                yield return Coroutine.Moment;          // self is assigned by now
                Future<int> got = queue.Get();          // takes the item at once
                End(self!, how);
                yield return got;
                readIt = true;
            }
        }
    }

    [Theory]
    [MemberData(nameof(WaysToEndAStep))]
    public void A_get_still_waiting_leaves_the_line_when_the_coroutine_ends_during_that_step(string how)
    {
        var queue = new FutureQueue<int>();
        Future<int>? abandoned = null;

        Loop.Run(() => Main());

        Assert.True(abandoned!.IsCanceled, "the get yielded by a coroutine that ended during the step was left waiting");
        Assert.True(queue.TryGet(out int item), "a later put went to a getter nobody waits for");
        Assert.Equal(7, item);

        IEnumerable Main()
        {
            Future<int>? self = null;
            self = Coroutine.Start<int>(Body());
            yield return self.Settled();
            queue.Put(7);

            IEnumerable Body()
            {
                yield return Coroutine.Moment;
                abandoned = queue.Get();                 // the queue is empty: this get waits in line
                End(self!, how);
                yield return abandoned;
            }
        }
    }

    [Theory]
    [MemberData(nameof(WaysToEndAStep))]
    public void A_lock_granted_at_once_is_released_when_the_coroutine_ends_during_that_step(string how)
    {
        var gate = new FutureLock();

        Loop.Run(() => Main());

        Assert.False(gate.IsHeld, "the lock stayed held by a coroutine that no longer exists");

        IEnumerable Main()
        {
            Future<int>? self = null;
            self = Coroutine.Start<int>(Body());
            yield return self.Settled();

            IEnumerable Body()
            {
                yield return Coroutine.Moment;
                Future acquired = gate.Acquire();        // free: granted at once
                End(self!, how);
                yield return acquired;
                gate.Release();
            }
        }
    }

    [Fact]
    public void An_outer_finally_runs_when_the_awaited_childs_finally_throws_during_cancel()
    {
        int outerFinally = 0;
        var childFailure = new InvalidOperationException("child finally");
        Exception? thrown = null;

        Loop.Run(() => Main());

        Assert.Same(childFailure, thrown);
        Assert.Equal(1, outerFinally); // once: the loop's close did not find it still suspended

        IEnumerable Main()
        {
            Future outer = Coroutine.Start(Outer());
            yield return Coroutine.Moment;
            thrown = Record.Exception(() => outer.Cancel());
            Assert.True(outer.IsCanceled);
        }

        IEnumerable Outer()
        {
            try
            {
                yield return Coroutine.Start(Child());
            }
            finally
            {
                outerFinally++;
            }
        }

        IEnumerable Child()
        {
            try
            {
                yield return new Future();
            }
            finally
            {
                throw childFailure;
            }
        }
    }

    [Fact]
    public void Cancelling_All_cancels_every_child_even_when_the_first_childs_finally_throws()
    {
        var finallies = new List<string>();
        var failure = new InvalidOperationException("first child's finally");
        Exception? thrown = null;
        Future[] children = [];

        Loop.Run(() => Main());

        Assert.Same(failure, thrown);
        Assert.Equal(["a", "b", "c"], finallies);
        Assert.All(children, child => Assert.True(child.IsCanceled));

        IEnumerable Main()
        {
            children = [Coroutine.Start(WaitForever(finallies, "a", failure)), Coroutine.Start(WaitForever(finallies, "b", null)), Coroutine.Start(WaitForever(finallies, "c", null))];
            Future all = Future.All(children);
            yield return Coroutine.Moment;
            thrown = Record.Exception(() => all.Cancel());
        }
    }

    [Fact]
    public void Cancelling_Any_cancels_every_child_and_reports_every_throwing_finally_in_order()
    {
        var finallies = new List<string>();
        var first = new InvalidOperationException("a");
        var second = new InvalidOperationException("c");
        Exception? thrown = null;

        Loop.Run(() => Main());

        Assert.Equal(["a", "b", "c"], finallies);
        var aggregate = Assert.IsType<AggregateException>(thrown);
        Assert.Equal([first, second], aggregate.InnerExceptions);

        IEnumerable Main()
        {
            Future any = Future.Any(Coroutine.Start(WaitForever(finallies, "a", first)), Coroutine.Start(WaitForever(finallies, "b", null)), Coroutine.Start(WaitForever(finallies, "c", second)));
            yield return Coroutine.Moment;
            thrown = Record.Exception(() => any.Cancel());
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Completing_a_coroutine_from_outside_during_its_step_throws_and_the_step_goes_on(bool fromAnotherThread)
    {
        var queue = new FutureQueue<int>();
        queue.Put(42);
        Exception? thrown = null;
        int read = 0;

        Loop.Run(() => Main());

        Assert.IsType<InvalidOperationException>(thrown);
        Assert.Equal(42, read);
        Assert.Equal(0, queue.Count);

        IEnumerable Main()
        {
            Future<int>? self = null;
            self = Coroutine.Start<int>(Body());
            yield return self;
            Assert.Equal(42, self.Result);

            IEnumerable Body()
            {
                yield return Coroutine.Moment;          // self is assigned by now
                Future<int> got = queue.Get();          // takes the item at once
                thrown = fromAnotherThread
                    ? ThrownOnAnotherThread(() => self!.TrySetResult(1))
                    : Record.Exception(() => self!.TrySetResult(1));
                Assert.False(self!.IsDone);
                yield return got;
                read = got.Result;
                yield return Coroutine.Return(read);
            }
        }
    }

    [Fact]
    public void A_coroutine_completed_from_outside_on_its_loop_throws_and_only_Cancel_stops_its_body()
    {
        bool finallyRan = false;
        var awaited = new Future();

        Loop.Run(() => Main());

        Assert.True(finallyRan);
        Assert.True(awaited.IsCanceled, "the future the stopped body waited on was left pending");

        IEnumerable Main()
        {
            Future<int> worker = Coroutine.Start<int>(Worker());
            yield return Coroutine.Moment;
            Assert.Throws<InvalidOperationException>(() => worker.TrySetResult(5));
            Assert.False(worker.IsDone);
            Assert.False(finallyRan, "a refused completion stopped the body");
            Assert.False(awaited.IsDone);
            Assert.True(worker.Cancel());
            Assert.True(finallyRan, "Cancel() on the loop did not stop the body at once");
            Assert.True(worker.IsCanceled);
        }

        IEnumerable Worker()
        {
            try
            {
                yield return awaited;
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void A_coroutine_faulted_from_another_thread_throws_there_and_a_cancel_from_there_stops_its_body_on_its_loop()
    {
        int finallyThread = -1;
        int loopThread = -1;
        var failure = new InvalidOperationException("set from outside");

        Loop.Run(() => Main());

        Assert.Equal(loopThread, finallyThread);

        IEnumerable Main()
        {
            loopThread = Environment.CurrentManagedThreadId;
            Future<int> worker = Coroutine.Start<int>(Worker());
            yield return Coroutine.Moment;
            Assert.IsType<InvalidOperationException>(ThrownOnAnotherThread(() => worker.TrySetException(failure)));
            Assert.False(worker.IsDone);
            Assert.Equal(-1, finallyThread);
            OnAnotherThread(() => worker.Cancel());
            yield return worker.Settled();
            Assert.True(worker.IsCanceled);
        }

        IEnumerable Worker()
        {
            try
            {
                yield return new Future();
            }
            finally
            {
                finallyThread = Environment.CurrentManagedThreadId;
            }
        }
    }

    [Fact]
    public void A_coroutine_completed_from_another_thread_just_before_the_loop_closes_is_refused_and_ends_by_its_body()
    {
        bool finallyRan = false;
        Exception? thrown = null;
        Future<int>? worker = null;
        var release = new Future<int>();

        int result = EventLoop.Run(
            () =>
            {
                worker = Coroutine.Start<int>(Worker());
                EventLoop.Current!.Post(() =>
                {
                    thrown = ThrownOnAnotherThread(() => worker.TrySetResult(9));
                    release.SetResult(3);
                });
                return worker;
            },
            Loop.Timeout);

        Assert.IsType<InvalidOperationException>(thrown);
        Assert.Equal(3, result);
        Assert.True(finallyRan);

        IEnumerable Worker()
        {
            try
            {
                yield return release;
                yield return Coroutine.Return(release.Result);
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void Send_from_another_thread_throws_instead_of_hanging_when_the_loop_closes_before_running_it()
    {
        Thread? sender = null;
        Exception? sendFailure = null;
        bool ran = false;

        EventLoop.Run(
            () =>
            {
                EventLoop loop = EventLoop.Current!;
                SynchronizationContext context = SynchronizationContext.Current!;
                sender = new Thread(() => sendFailure = Record.Exception(() => context.Send(_ => ran = true, null)));
                sender.Start();
                while (loop.IncomingCount == 0)
                {
                    Thread.Yield(); // until the Send is queued; main then ends and the loop closes
                }

                return Future.Completed;
            },
            Loop.Timeout);

        Assert.True(sender!.Join(Loop.Timeout), "Send blocked forever on a loop that had closed");
        Assert.False(ran);
        Assert.IsType<InvalidOperationException>(sendFailure);
    }

    [Fact]
    public void A_long_lived_future_keeps_no_slot_for_waiters_that_are_gone()
    {
        var longLived = new Future();
        longLived.AddDoneCallback(_ => { }); // a waiter that stays, so the others share a list

        Loop.Run(() => Main());

        Assert.True(longLived.ContinuationCount <= 2, $"{longLived.ContinuationCount} continuation slots left on the long-lived future");

        IEnumerable Main()
        {
            for (int i = 0; i < 50_000; i++)
            {
                var work = new Future();
                Future any = Future.Any(work, longLived);
                work.SetResult();
                Assert.True(any.IsDone);
            }

            yield break;
        }
    }

    [Fact]
    public void All_ends_cancelled_when_a_child_is_cancelled_and_leaves_the_other_children_running()
    {
        var a = new Future();
        var b = new Future();

        Loop.Run(() => Main());

        IEnumerable Main()
        {
            Future all = Future.All(a, b);
            a.Cancel();
            Assert.True(all.IsCanceled);
            Assert.False(b.IsDone, "cancelling one child of All cancelled its sibling");
            b.SetResult();
            yield break;
        }
    }

    [Fact]
    public void Cancelling_All_itself_still_cancels_its_children()
    {
        var a = new Future();
        var b = new Future();
        Future all = Future.All(a, b);

        Assert.True(all.Cancel());

        Assert.True(a.IsCanceled);
        Assert.True(b.IsCanceled);
    }

    [Fact]
    public void Run_returns_the_result_when_main_finishes_in_the_same_turn_as_the_timeout()
    {
        var timeout = TimeSpan.FromMilliseconds(50);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();

        int result = EventLoop.Run(
            () =>
            {
                var main = new Future<int>();
                EventLoop loop = EventLoop.Current!;
                loop.CallLater(timeout, () => main.SetResult(1));

                // Both deadlines pass while the loop is busy with this callback, so both timers fire
                // in the next turn: main's first (it was set first), then Run's timeout, too late.
                loop.Post(() => clock.Advance(timeout * 2));
                return main;
            },
            new EventLoopOptions { TimeProvider = clock, Timeout = timeout });

        Assert.Equal(1, result);
    }

    /// <summary>Waits on a future nobody completes; its finally logs <paramref name="name"/>, then
    /// throws <paramref name="throwFromFinally"/> if given.</summary>
    private static IEnumerable WaitForever(List<string> finallies, string name, Exception? throwFromFinally)
    {
        try
        {
            yield return new Future();
        }
        finally
        {
            finallies.Add(name);
            if (throwFromFinally is not null)
            {
                throw throwFromFinally;
            }
        }
    }

    private static IEnumerable Consume(FutureQueue<string> queue, List<string> consumed)
    {
        Future<string> next = queue.Get();
        yield return next;
        consumed.Add(next.Result);
    }

    private static void End(Future<int> self, string how)
    {
        switch (how)
        {
            case "self-cancel":
                self.Cancel();
                break;
            default:
                OnAnotherThread(() => self.Cancel());
                break;
        }
    }

    /// <summary>Runs <paramref name="action"/> on a new thread and waits until it has finished.</summary>
    private static void OnAnotherThread(Action action) => Assert.Null(ThrownOnAnotherThread(action));

    /// <summary>Runs <paramref name="action"/> on a new thread, waits until it has finished, and
    /// returns what it threw.</summary>
    private static Exception? ThrownOnAnotherThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() => failure = Record.Exception(action));
        thread.Start();
        Assert.True(thread.Join(Loop.Timeout));
        return failure;
    }
}

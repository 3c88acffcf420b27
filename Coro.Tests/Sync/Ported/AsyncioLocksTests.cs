// The behaviours checked by CPython's Lib/test/test_asyncio/test_locks.py (https://github.com/python/cpython),
// Copyright Python Software Foundation, licensed under the Python Software Foundation License
// Version 2 (https://docs.python.org/3/license.html). Each test here is written anew in C# against
// Coro's FutureLock, FutureEvent, FutureCondition and FutureSemaphore, and names the asyncio test it
// ports.
//
// Adapted:
// - asyncio.create_task schedules a task's first step; Coroutine.Start runs it at once. Where the
//   order matters (EventTests.test_wait) the port starts the coroutine where asyncio's first step runs.
// - asyncio's lock and semaphore wake a waiter, which then takes the lock or permit when it runs;
//   Coro hands the lock or permit to the waiter as it releases. The FIFO tests therefore record the
//   order permits are granted in (the acquire future completing), which is the order they check.
// - Semaphore(0) later released, and unbounded releases, do not exist in Coro (FutureSemaphore is
//   bounded): the ports take the permits of a larger semaphore first and release those.
// - locked() (Lock, Semaphore) is IsHeld on FutureLock and Available == 0 on FutureSemaphore; the
//   private _waiters and _value are the public WaitingCount and Available.
// - Coro's FutureCondition has no lock of its own (it is Tornado's Condition): the condition tests
//   keep their waits and notifies and drop the acquire / release around them.
// Not ported, and why:
// - test_repr (Lock, Event, Condition, Semaphore), test_lock_doesnt_accept_loop_parameter,
//   test_ambiguous_loops and every _loop check: no repr contract and no loop parameter in Coro.
// - test_lock, test_semaphore, test_lock_by_with_statement ("object can't be awaited"), and
//   test_context_manager_no_yield: C#'s type system rules these misuses out at compile time.
// - ConditionTests that need the condition's lock: test_wait_unacquired, test_notify_unacquired,
//   test_notify_all_unacquired, test_wait_cancel_contested, test_explicit_lock, test_context_manager,
//   test_cancelled_error_re_aquire, test_cancelled_wakeup_relock.
// - wait_for (test_wait_for, test_wait_for_unacquired, test_cancelled_error_wakeup): Coro's
//   condition has no wait_for; a loop around Wait is the user's own code.
// - BarrierTests: Coro has no barrier.
using System.Collections;
using static Coro.Tests.Sync.Ported.VirtualLoop;

namespace Coro.Tests.Sync.Ported;

public class AsyncioLocksTests
{
    // LockTests.test_acquire
    [Fact]
    public void Lock_waiters_get_the_lock_one_release_each_in_the_order_they_asked()
    {
        var result = new List<int>();
        Run(Body);
        Assert.Equal([1, 2, 3], result);

        IEnumerable Body()
        {
            var gate = new FutureLock();
            Future<IDisposable> first = gate.Acquire();
            yield return first;
            Assert.True(gate.IsHeld);

            Future c1 = Coroutine.Start(Record(() => gate.Acquire(), 1, result));
            Future c2 = Coroutine.Start(Record(() => gate.Acquire(), 2, result));
            yield return null;
            Assert.Empty(result);

            gate.Release();
            yield return null;
            Assert.Equal([1], result);
            yield return null;
            Assert.Equal([1], result);

            Future c3 = Coroutine.Start(Record(() => gate.Acquire(), 3, result));
            gate.Release();
            yield return null;
            Assert.Equal([1, 2], result);

            gate.Release();
            yield return null;
            Assert.Equal([1, 2, 3], result);
            Assert.All([c1, c2, c3], c => Assert.True(c.IsDone && !c.IsFaulted));
        }
    }

    // LockTests.test_acquire_cancel
    [Fact]
    public void A_cancelled_lock_acquire_leaves_the_line()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.True(gate.TryAcquire());
            Future<IDisposable> acquire = gate.Acquire();
            EventLoop.Current!.Post(() => acquire.Cancel());
            yield return acquire.Settled();
            Assert.True(acquire.IsCanceled);

            gate.Release();
            Assert.False(gate.IsHeld); // nobody was left waiting to take it
        }
    }

    // LockTests.test_cancel_race
    [Fact]
    public void A_waiter_cancelled_as_the_holder_releases_is_skipped_for_the_next()
    {
        var order = new List<string>();
        Run(Body);
        Assert.Equal(["A", "C"], order);

        IEnumerable Body()
        {
            var gate = new FutureLock();
            var blocker = new Future();
            Future a = Coroutine.Start(LockIt(gate, "A", blocker));
            Assert.True(gate.IsHeld);
            Future b = Coroutine.Start(LockIt(gate, "B", null));
            Future c = Coroutine.Start(LockIt(gate, "C", null));

            // In one turn: A's blocker resolves (A releases when it resumes) and B is cancelled.
            blocker.SetResult();
            b.Cancel();
            yield return null;
            Assert.True(a.IsDone);
            Assert.True(b.IsCanceled);
            yield return c;
            Assert.False(gate.IsHeld);
        }

        IEnumerable LockIt(FutureLock gate, string name, Future? blocker)
        {
            Future<IDisposable> acquire = gate.Acquire();
            yield return acquire;
            try
            {
                order.Add(name);
                if (blocker is not null)
                {
                    yield return blocker;
                }
            }
            finally
            {
                gate.Release();
            }
        }
    }

    // LockTests.test_cancel_release_race
    [Fact]
    public void Cancelling_one_waiter_and_releasing_in_the_same_callback_grants_the_lock_once()
    {
        int lockCount = 0;
        int callCount = 0;
        Run(Body);

        IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.True(gate.TryAcquire());
            Future t1 = Coroutine.Start(LockIt(gate));
            Future t2 = Coroutine.Start(LockIt(gate));
            Future t3 = Coroutine.Start(LockIt(gate));
            yield return null;

            EventLoop.Current!.Post(() =>
            {
                t1.Cancel();
                gate.Release();
            });
            yield return t1.Settled();
            yield return t2;

            Assert.Equal(1, lockCount);
            Assert.Equal(3, callCount);
            Assert.True(t1.IsCanceled);
            Assert.False(t3.IsDone);
            t3.Cancel();
            Assert.True(t3.IsCanceled);
        }

        IEnumerable LockIt(FutureLock gate)
        {
            callCount++;
            yield return gate.Acquire();
            lockCount++;
        }
    }

    // LockTests.test_finished_waiter_cancelled
    [Fact]
    public void A_waiter_cancelled_before_the_release_is_skipped_and_the_next_gets_the_lock()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.True(gate.TryAcquire());
            Future<IDisposable> b = gate.Acquire();
            Future<IDisposable> c = gate.Acquire();
            b.Cancel();
            gate.Release();
            yield return c;

            Assert.True(gate.IsHeld);
            Assert.True(b.IsCanceled);
        }
    }

    // LockTests.test_finished_waiter_cancelled: the lock reached the waiter, whose coroutine is
    // cancelled before it resumes; the lock must not stay with it.
    [Fact]
    public void A_lock_granted_to_a_coroutine_cancelled_before_it_resumed_passes_to_the_next()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.True(gate.TryAcquire());
            Future b = Coroutine.Start(Hold(gate));
            Future c = Coroutine.Start(Hold(gate));
            gate.Release(); // granted to b, which has not resumed yet
            b.Cancel();
            yield return c;

            Assert.True(b.IsCanceled);
            Assert.True(gate.IsHeld); // c took it and kept it
        }

        static IEnumerable Hold(FutureLock gate)
        {
            yield return gate.Acquire();
        }
    }

    // LockTests.test_release_not_acquired
    [Fact]
    public void Releasing_an_unheld_lock_throws()
    {
        Run(Body);

        static IEnumerable Body()
        {
            Assert.Throws<InvalidOperationException>(new FutureLock().Release);
            yield break;
        }
    }

    // LockTests.test_release_no_waiters
    [Fact]
    public void Releasing_with_nobody_waiting_unlocks()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            yield return gate.Acquire();
            Assert.True(gate.IsHeld);
            gate.Release();
            Assert.False(gate.IsHeld);
        }
    }

    // LockTests.test_context_manager
    [Fact]
    public void The_lock_is_held_inside_using_and_free_after_it()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.False(gate.IsHeld);
            Future<IDisposable> acquire = gate.Acquire();
            yield return acquire;
            using (acquire.Result)
            {
                Assert.True(gate.IsHeld);
            }

            Assert.False(gate.IsHeld);
        }
    }

    // EventTests.test_wait
    [Fact]
    public void Set_wakes_every_waiter_and_a_wait_begun_after_it_goes_through_first()
    {
        var result = new List<int>();
        Run(Body);
        Assert.Equal([3, 1, 2], result);

        IEnumerable Body()
        {
            var e = new FutureEvent();
            Assert.False(e.IsSet);
            Future t1 = Coroutine.Start(Record(() => e.Wait(), 1, result));
            Future t2 = Coroutine.Start(Record(() => e.Wait(), 2, result));
            yield return null;
            Assert.Empty(result);

            e.Set();
            Future t3 = Coroutine.Start(Record(() => e.Wait(), 3, result)); // asyncio's t3 takes its first step here
            yield return Future.All(t1, t2, t3);
        }
    }

    // EventTests.test_wait_on_set
    [Fact]
    public void Wait_on_a_set_event_completes_at_once()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var e = new FutureEvent();
            e.Set();
            Future wait = e.Wait();
            Assert.True(wait.IsDone);
            Assert.False(wait.IsFaulted || wait.IsCanceled);
            yield break;
        }
    }

    // EventTests.test_wait_cancel
    [Fact]
    public void A_cancelled_event_wait_stays_cancelled_when_the_event_is_set()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var e = new FutureEvent();
            Future wait = e.Wait();
            EventLoop.Current!.Post(() => wait.Cancel());
            yield return wait.Settled();
            Assert.True(wait.IsCanceled);
            e.Set();
            Assert.True(wait.IsCanceled);
        }
    }

    // EventTests.test_clear
    [Fact]
    public void Clear_unsets_a_set_event()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var e = new FutureEvent();
            Assert.False(e.IsSet);
            e.Set();
            Assert.True(e.IsSet);
            e.Clear();
            Assert.False(e.IsSet);
            yield break;
        }
    }

    // EventTests.test_clear_with_waiters
    [Fact]
    public void A_waiter_woken_by_a_set_stays_woken_through_a_clear_and_wakes_once()
    {
        var result = new List<int>();
        Run(Body);
        Assert.Equal([1], result);

        IEnumerable Body()
        {
            var e = new FutureEvent();
            Future waiter = Coroutine.Start(WaitFor(e));
            yield return null;
            Assert.Empty(result);

            e.Set();
            e.Clear();
            Assert.False(e.IsSet);
            e.Set();
            e.Set();
            yield return null;
            Assert.Equal([1], result);
            Assert.True(waiter.IsDone);
        }

        IEnumerable WaitFor(FutureEvent e)
        {
            yield return e.Wait();
            result.Add(1);
        }
    }

    // ConditionTests.test_wait (without the condition's lock)
    [Fact]
    public void Condition_waiters_resume_one_per_notified_in_the_order_they_waited()
    {
        var result = new List<int>();
        Run(Body);
        Assert.Equal([1, 2, 3], result);

        IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future[] waiters = [.. new[] { 1, 2, 3 }.Select(tag => Coroutine.Start(Record(() => condition.Wait(), tag, result)))];
            yield return null;
            Assert.Empty(result);

            condition.Notify();
            yield return null;
            Assert.Equal([1], result);

            condition.Notify(2);
            yield return null;
            Assert.Equal([1, 2, 3], result);
            Assert.All(waiters, waiter => Assert.True(waiter.IsDone));
        }
    }

    // ConditionTests.test_wait_cancel
    [Fact]
    public void A_cancelled_condition_wait_leaves_the_line()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future<bool> wait = condition.Wait();
            EventLoop.Current!.Post(() => wait.Cancel());
            yield return wait.Settled();
            Assert.True(wait.IsCanceled);
            Assert.Equal(0, condition.WaitingCount);
        }
    }

    // ConditionTests.test_notify
    [Fact]
    public void Notify_wakes_as_many_as_asked_and_a_larger_n_wakes_everyone_left()
    {
        var result = new List<int>();
        Run(Body);
        Assert.Equal([1, 2, 3], result);

        IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future[] waiters = [.. new[] { 1, 2, 3 }.Select(tag => Coroutine.Start(Record(() => condition.Wait(), tag, result)))];
            yield return null;
            Assert.Empty(result);

            condition.Notify(1);
            yield return null;
            Assert.Equal([1], result);

            condition.Notify(1);
            condition.Notify(2048);
            yield return null;
            Assert.Equal([1, 2, 3], result);
            Assert.All(waiters, waiter => Assert.True(waiter.IsDone));
        }
    }

    // ConditionTests.test_notify_all
    [Fact]
    public void NotifyAll_resumes_every_waiter()
    {
        var result = new List<int>();
        Run(Body);
        Assert.Equal([1, 2], result);

        IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future[] waiters = [Coroutine.Start(Record(() => condition.Wait(), 1, result)), Coroutine.Start(Record(() => condition.Wait(), 2, result))];
            yield return null;
            Assert.Empty(result);

            condition.NotifyAll();
            yield return null;
            Assert.Equal([1, 2], result);
            Assert.All(waiters, waiter => Assert.True(waiter.IsDone));
        }
    }

    // ConditionTests.test_timeout_in_block
    [Fact]
    public void A_condition_wait_under_WithTimeout_times_out_and_leaves_the_line()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future<bool> wait = condition.Wait().WithTimeout(Ms(500));
            yield return wait.Settled();
            Assert.IsType<TimeoutException>(wait.Exception);
            Assert.Equal(0, condition.WaitingCount);
        }
    }

    // ConditionTests.test_wait_cancel_after_notify
    [Fact]
    public void A_waiter_cancelled_after_it_was_notified_but_before_it_resumed_ends_cancelled()
    {
        bool reached = false;
        bool resumed = false;
        Run(Body);
        Assert.True(reached);
        Assert.False(resumed);

        IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future waiter = Coroutine.Start(WaitOn(condition));
            yield return null;
            condition.Notify();
            waiter.Cancel();
            yield return null;
            Assert.True(waiter.IsCanceled);
        }

        IEnumerable WaitOn(FutureCondition condition)
        {
            reached = true;
            yield return condition.Wait();
            resumed = true;
        }
    }

    // ConditionTests.test_cancelled_wakeup
    [Fact]
    public void A_notification_whose_waiter_is_cancelled_before_it_resumes_passes_to_the_next_waiter()
    {
        int state = 0;
        Run(Body);

        IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future[] consumers = [Coroutine.Start(Consumer(condition)), Coroutine.Start(Consumer(condition))];
            yield return null;

            state++;
            condition.Notify(1);
            consumers[0].Cancel(); // cancelled after its wake-up, before it could run

            // The other consumer must take the item; give it ample (virtual) time.
            yield return Coroutine.Sleep(Ms(10));
            Assert.Equal(0, state);

            state = -1;
            condition.NotifyAll();
            yield return consumers[1];
        }

        IEnumerable Consumer(FutureCondition condition)
        {
            while (true)
            {
                while (state == 0)
                {
                    yield return condition.Wait();
                }

                if (state < 0)
                {
                    yield break;
                }

                state--;
            }
        }
    }

    // SemaphoreTests.test_initial_value_zero
    [Fact]
    public void A_semaphore_of_zero_permits_has_none_to_give()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(0);
            Assert.Equal(0, semaphore.Available);
            Assert.False(semaphore.TryAcquire());
            yield break;
        }
    }

    // SemaphoreTests.test_semaphore_value
    [Fact]
    public void A_semaphore_of_negative_size_is_refused()
    {
        Run(Body);

        static IEnumerable Body()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new FutureSemaphore(-1));
            yield break;
        }
    }

    // SemaphoreTests.test_acquire
    [Fact]
    public void Semaphore_waiters_are_served_by_releases_in_the_order_they_waited()
    {
        var result = new List<int>();
        Run(Body);

        IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(3);
            yield return semaphore.Acquire();
            yield return semaphore.Acquire();
            Assert.Equal(1, semaphore.Available);

            Future t1 = Coroutine.Start(Record(() => semaphore.Acquire(), 1, result));
            Future t2 = Coroutine.Start(Record(() => semaphore.Acquire(), 2, result));
            Future t3 = Coroutine.Start(Record(() => semaphore.Acquire(), 3, result));
            yield return null;
            Assert.Equal([1], result);
            Assert.Equal(0, semaphore.Available);
            Assert.Equal(2, semaphore.WaitingCount);

            Future t4 = Coroutine.Start(Record(() => semaphore.Acquire(), 4, result));
            semaphore.Release();
            semaphore.Release();
            Assert.Equal(0, semaphore.Available);

            yield return null;
            Assert.Equal([1, 2, 3], result);
            Assert.Equal(0, semaphore.Available);
            Assert.Equal(1, semaphore.WaitingCount);
            Assert.True(t1.IsDone && t2.IsDone && t3.IsDone);
            Assert.False(t4.IsDone);

            semaphore.Release();
            yield return t4;
            Assert.Equal([1, 2, 3, 4], result);
        }
    }

    // SemaphoreTests.test_acquire_cancel
    [Fact]
    public void A_cancelled_semaphore_acquire_leaves_the_line()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            yield return semaphore.Acquire();
            Future<IDisposable> acquire = semaphore.Acquire();
            EventLoop.Current!.Post(() => acquire.Cancel());
            yield return acquire.Settled();
            Assert.True(acquire.IsCanceled);
            Assert.Equal(0, semaphore.WaitingCount);
        }
    }

    // SemaphoreTests.test_acquire_cancel_before_awoken
    [Fact]
    public void Acquirers_cancelled_before_a_release_are_skipped_for_the_next_in_line()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Assert.True(semaphore.TryAcquire());
            Future[] tasks = [.. Enumerable.Range(0, 4).Select(_ => Coroutine.Start(Hold(semaphore)))];
            yield return null;

            tasks[0].Cancel();
            tasks[1].Cancel();
            semaphore.Release();
            yield return null;
            yield return null;
            Assert.True(tasks[2].IsDone);
            Assert.False(tasks[3].IsDone);
            tasks[3].Cancel();
        }
    }

    // SemaphoreTests.test_acquire_hang
    [Fact]
    public void A_release_after_the_first_waiter_was_cancelled_serves_the_second()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Assert.True(semaphore.TryAcquire());
            Future t1 = Coroutine.Start(Hold(semaphore));
            Future t2 = Coroutine.Start(Hold(semaphore));
            yield return null;

            t1.Cancel();
            semaphore.Release();
            yield return null;
            yield return null;
            Assert.Equal(0, semaphore.Available);
            Assert.True(t2.IsDone);
        }
    }

    // SemaphoreTests.test_acquire_no_hang
    [Fact]
    public void A_permit_granted_to_a_coroutine_cancelled_before_it_resumed_is_not_lost()
    {
        bool secondRan = false;
        Run(Body);
        Assert.False(secondRan);

        IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Future t2 = null!;
            Future t1 = Coroutine.Start(First());
            t2 = Coroutine.Start(Second());
            yield return Future.All(t1.Settled(), t2.Settled());
            Assert.False(t1.IsFaulted || t1.IsCanceled);
            Assert.True(t2.IsCanceled);

            Future<IDisposable> again = semaphore.Acquire(TimeSpan.FromSeconds(1));
            yield return again.Settled();
            Assert.False(again.IsFaulted);

            IEnumerable First()
            {
                Future<IDisposable> acquire = semaphore.Acquire();
                yield return acquire;
                using (acquire.Result)
                {
                    yield return null;
                }

                t2.Cancel(); // the permit just went to t2, which has not resumed
            }

            IEnumerable Second()
            {
                Future<IDisposable> acquire = semaphore.Acquire();
                yield return acquire;
                using (acquire.Result)
                {
                    secondRan = true;
                }
            }
        }
    }

    // SemaphoreTests.test_release_not_acquired (BoundedSemaphore)
    [Fact]
    public void Releasing_a_bounded_semaphore_past_its_size_throws()
    {
        Run(Body);

        static IEnumerable Body()
        {
            Assert.Throws<InvalidOperationException>(new FutureSemaphore(1).Release);
            yield break;
        }
    }

    // SemaphoreTests.test_release_no_waiters
    [Fact]
    public void Releasing_with_no_waiters_makes_the_permit_available()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            yield return semaphore.Acquire();
            Assert.Equal(0, semaphore.Available);
            semaphore.Release();
            Assert.Equal(1, semaphore.Available);
        }
    }

    // SemaphoreTests.test_acquire_fifo_order
    [Fact]
    public void Coroutines_that_acquire_again_queue_behind_those_already_waiting()
    {
        var result = new List<string>();
        Run(Body);
        Assert.Equal(["c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"], result);

        IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            yield return Future.All(Coroutine.Start(Twice(semaphore, "c1")), Coroutine.Start(Twice(semaphore, "c2")), Coroutine.Start(Twice(semaphore, "c3")));
        }

        IEnumerable Twice(FutureSemaphore semaphore, string tag)
        {
            for (int round = 1; round <= 2; round++)
            {
                yield return semaphore.Acquire();
                result.Add($"{tag}_{round}");
                yield return Coroutine.Sleep(Ms(10));
                semaphore.Release();
            }
        }
    }

    // SemaphoreTests.test_acquire_fifo_order_2
    [Fact]
    public void A_holder_that_releases_and_acquires_again_is_granted_after_those_already_served()
    {
        var granted = new List<int>();
        Run(Body);
        Assert.Equal([1, 2, 3, 4], granted);

        IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(3);
            Assert.True(semaphore.TryAcquire());
            Assert.True(semaphore.TryAcquire());
            Future c1 = Coroutine.Start(Keep(semaphore, 1));
            Future c2 = Coroutine.Start(ReleaseAndAcquireAgain(semaphore));
            Future c3 = Coroutine.Start(Keep(semaphore, 3));
            yield return null;

            semaphore.Release();
            semaphore.Release();
            yield return Future.All(c1, c2, c3);
        }

        IEnumerable Keep(FutureSemaphore semaphore, int tag)
        {
            Future<IDisposable> acquire = semaphore.Acquire();
            acquire.AddDoneCallback(_ => granted.Add(tag));
            yield return acquire;
        }

        IEnumerable ReleaseAndAcquireAgain(FutureSemaphore semaphore)
        {
            Future<IDisposable> first = semaphore.Acquire();
            first.AddDoneCallback(_ => granted.Add(2));
            yield return first;
            semaphore.Release();
            Future<IDisposable> again = semaphore.Acquire();
            again.AddDoneCallback(_ => granted.Add(4));
            yield return again;
        }
    }

    // SemaphoreTests.test_acquire_fifo_order_3
    [Fact]
    public void Releases_skip_a_cancelled_waiter_and_serve_the_rest_in_order()
    {
        var result = new List<int>();
        Run(Body);
        Assert.Equal([2, 3], result);

        IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(2);
            Assert.True(semaphore.TryAcquire());
            Assert.True(semaphore.TryAcquire());
            Future[] tasks = [.. new[] { 1, 2, 3 }.Select(tag => Coroutine.Start(Record(() => semaphore.Acquire(), tag, result)))];
            yield return null;

            tasks[0].Cancel();
            yield return null;

            semaphore.Release();
            semaphore.Release();
            yield return Future.All(tasks[1], tasks[2]);
            Assert.True(tasks[0].IsCanceled);
        }
    }

    // SemaphoreTests.test_acquire_fifo_order_4
    [Fact]
    public void Releases_serve_the_waiter_first_and_later_acquirers_take_what_is_left_in_order()
    {
        var granted = new List<int>();
        Run(Body);
        Assert.Equal([1, 2, 3, 4], granted);

        IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(3);
            for (int i = 0; i < 3; i++)
            {
                Assert.True(semaphore.TryAcquire());
            }

            Future? c4 = null;
            Future c1 = Coroutine.Start(First());
            Future c2 = Coroutine.Start(Second());
            Future c3 = Coroutine.Start(Recorded(3));
            yield return Future.All(c1, c2, c3);
            yield return c4!;

            IEnumerable First()
            {
                Assert.Equal(0, semaphore.Available);
                Future<IDisposable> acquire = semaphore.Acquire();
                acquire.AddDoneCallback(_ => granted.Add(1));
                yield return acquire;
                c4 = Coroutine.Start(Fourth());
            }

            IEnumerable Second()
            {
                semaphore.Release(); // goes straight to c1, waiting
                semaphore.Release();
                semaphore.Release();
                Assert.Equal(2, semaphore.Available);
                return Recorded(2);
            }

            IEnumerable Recorded(int tag)
            {
                Future<IDisposable> acquire = semaphore.Acquire();
                acquire.AddDoneCallback(_ => granted.Add(tag));
                yield return acquire;
            }

            IEnumerable Fourth()
            {
                granted.Add(4);
                yield break;
            }
        }
    }

    /// <summary>A coroutine that waits for what <paramref name="wait"/> starts, then records its tag.</summary>
    private static IEnumerable Record(Func<Future> wait, int tag, List<int> result)
    {
        yield return wait();
        result.Add(tag);
    }

    private static IEnumerable Hold(FutureSemaphore semaphore)
    {
        yield return semaphore.Acquire();
    }
}

// The behaviours checked by Tornado's tornado/test/locks_test.py (https://github.com/tornadoweb/tornado),
// Copyright The Tornado Authors, licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0). Each test here is written anew in C# against Coro's
// FutureCondition, FutureEvent, FutureSemaphore and FutureLock, and names the Tornado test it ports.
//
// Adapted:
// - Tornado's waiters resume through the IOLoop (its tests call loop_briefly after notify); Coro runs a
//   waiting future's callbacks as it completes, so the history is checked straight after Notify.
// - test_garbage_collection (Condition, Semaphore) reads the private _waiters list, which Tornado
//   sweeps in batches; Coro takes a timed-out waiter out of its line at once, so the ported tests read
//   the public WaitingCount and expect the drop straight after the timeouts.
// - SemaphoreTest ports use FutureSemaphore, which is bounded: where Tornado's Semaphore(0) is later
//   released, the port holds the permit of a Semaphore(1) instead.
// Not ported, and why:
// - test_repr / test_str (Condition, Event, Semaphore, Lock): Coro's primitives make no promise about
//   their ToString.
// - SemaphoreTest.test_release_unacquired: Tornado's unbounded Semaphore lets release() raise the count
//   past its start; Coro has only the bounded semaphore (BoundedSemaphoreTest's behaviour is ported).
// - test_context_manager_async_await, test_acquire_fifo_async_with: `async with` is Python syntax; the
//   C# form, `using` on the acquired result, is what the other context-manager tests port.
// - test_context_manager_misuse (Semaphore, Lock): `using (semaphore)` does not compile in C#, since
//   neither FutureSemaphore nor FutureLock is IDisposable.
using System.Collections;
using static Coro.Tests.Sync.Ported.VirtualLoop;

namespace Coro.Tests.Sync.Ported;

public class TornadoLocksTests
{
    /// <summary>Records how a condition wait ended, as the suite's record_done does.</summary>
    private static void RecordDone(Future<bool> wait, string key, List<string> history) =>
        wait.AddDoneCallback(_ => history.Add(wait.Result ? key : "timeout"));

    // ConditionTest.test_notify
    [Fact]
    public void Condition_wait_completes_when_a_later_notify_wakes_it()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            DateTimeOffset start = Now;
            EventLoop.Current!.CallLater(Ms(10), () => condition.Notify());
            Future<bool> wait = condition.Wait();
            yield return wait;
            Assert.True(wait.Result);
            Assert.Equal(Ms(10), Now - start);
        }
    }

    // ConditionTest.test_notify_1
    [Fact]
    public void Notify_of_one_wakes_one_waiter_per_call_in_order()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            var history = new List<string>();
            RecordDone(condition.Wait(), "wait1", history);
            RecordDone(condition.Wait(), "wait2", history);
            condition.Notify(1);
            history.Add("notify1");
            condition.Notify(1);
            history.Add("notify2");
            Assert.Equal(["wait1", "notify1", "wait2", "notify2"], history);
            yield break;
        }
    }

    // ConditionTest.test_notify_n
    [Fact]
    public void Notify_of_n_wakes_the_n_longest_waiting_in_the_order_they_waited()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            var history = new List<string>();
            for (int i = 0; i < 6; i++)
            {
                RecordDone(condition.Wait(), i.ToString(), history);
            }

            condition.Notify(3);
            Assert.Equal(["0", "1", "2"], history);
            condition.Notify(1);
            Assert.Equal(["0", "1", "2", "3"], history);
            condition.Notify(2);
            Assert.Equal(["0", "1", "2", "3", "4", "5"], history);
            Assert.Equal(0, condition.WaitingCount);
            yield break;
        }
    }

    // ConditionTest.test_notify_all
    [Fact]
    public void NotifyAll_wakes_every_waiter_in_order_before_it_returns()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            var history = new List<string>();
            for (int i = 0; i < 4; i++)
            {
                RecordDone(condition.Wait(), i.ToString(), history);
            }

            condition.NotifyAll();
            history.Add("notify_all");
            Assert.Equal(["0", "1", "2", "3", "notify_all"], history);
            yield break;
        }
    }

    // ConditionTest.test_wait_timeout
    [Fact]
    public void Condition_wait_whose_timeout_passes_before_the_notify_completes_with_false()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future<bool> wait = condition.Wait(Ms(10));
            EventLoop.Current!.CallLater(Ms(20), () => condition.Notify()); // too late
            yield return Coroutine.Sleep(Ms(30));
            Assert.True(wait.IsDone);
            Assert.False(wait.Result);
        }
    }

    // ConditionTest.test_wait_timeout_preempted
    [Fact]
    public void Condition_wait_notified_before_its_timeout_completes_with_true()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            EventLoop.Current!.CallLater(Ms(10), () => condition.Notify());
            Future<bool> wait = condition.Wait(Ms(20));
            yield return Coroutine.Sleep(Ms(30));
            Assert.True(wait.Result);
        }
    }

    // ConditionTest.test_notify_n_with_timeout
    [Fact]
    public void A_timed_out_waiter_does_not_count_towards_notify_n()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            var history = new List<string>();
            RecordDone(condition.Wait(), "0", history);
            RecordDone(condition.Wait(Ms(10)), "1", history);
            RecordDone(condition.Wait(), "2", history);
            RecordDone(condition.Wait(), "3", history);

            yield return Coroutine.Sleep(Ms(20));
            Assert.Equal(["timeout"], history);

            condition.Notify(2);
            yield return Coroutine.Sleep(Ms(10));
            Assert.Equal(["timeout", "0", "2"], history);
            condition.Notify();
            Assert.Equal(["timeout", "0", "2", "3"], history);
        }
    }

    // ConditionTest.test_notify_all_with_timeout
    [Fact]
    public void NotifyAll_wakes_the_waiters_that_did_not_time_out()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            var history = new List<string>();
            RecordDone(condition.Wait(), "0", history);
            RecordDone(condition.Wait(Ms(10)), "1", history);
            RecordDone(condition.Wait(), "2", history);

            yield return Coroutine.Sleep(Ms(20));
            Assert.Equal(["timeout"], history);

            condition.NotifyAll();
            Assert.Equal(["timeout", "0", "2"], history);
        }
    }

    // ConditionTest.test_nested_notify
    [Fact]
    public void A_notify_made_while_notifying_loses_no_waiter()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            Future<bool>[] waits = [condition.Wait(), condition.Wait(), condition.Wait()];

            // The second waiter, once woken, notifies again: that must reach the third.
            waits[1].AddDoneCallback(_ => condition.Notify());
            condition.Notify(2);

            Assert.All(waits, wait => Assert.True(wait.IsDone));
            yield break;
        }
    }

    // ConditionTest.test_garbage_collection
    [Fact]
    public void Timed_out_condition_waiters_leave_the_line_and_the_last_is_still_served()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var condition = new FutureCondition();
            for (int i = 0; i < 101; i++)
            {
                condition.Wait(Ms(10));
            }

            Future<bool> last = condition.Wait();
            Assert.Equal(102, condition.WaitingCount);

            yield return Coroutine.Sleep(Ms(20));
            Assert.Equal(1, condition.WaitingCount);

            Assert.False(last.IsDone);
            condition.Notify();
            Assert.True(last.IsDone);
        }
    }

    // EventTest.test_event
    [Fact]
    public void Event_wait_completes_once_set_and_waits_again_after_clear()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var e = new FutureEvent();
            Future before = e.Wait();
            e.Set();
            Future whileSet = e.Wait();
            e.Clear();
            Future afterClear = e.Wait();

            Assert.True(before.IsDone);
            Assert.True(whileSet.IsDone);
            Assert.False(afterClear.IsDone);
            yield break;
        }
    }

    // EventTest.test_event_timeout
    [Fact]
    public void Event_wait_times_out_and_the_event_works_normally_afterwards()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var e = new FutureEvent();
            Future timedOut = e.Wait(Ms(10));
            yield return timedOut.Settled();
            Assert.IsType<TimeoutException>(timedOut.Exception);

            EventLoop.Current!.CallLater(Ms(10), e.Set);
            Future wait = e.Wait(TimeSpan.FromSeconds(1));
            yield return wait.Settled();
            Assert.False(wait.IsFaulted);
            Assert.True(wait.IsDone);
        }
    }

    // EventTest.test_event_set_multiple
    [Fact]
    public void Setting_a_set_event_again_leaves_it_set()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var e = new FutureEvent();
            e.Set();
            e.Set();
            Assert.True(e.IsSet);
            yield break;
        }
    }

    // EventTest.test_event_wait_clear
    [Fact]
    public void Waits_begun_before_and_after_a_clear_are_both_woken_by_the_next_set()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var e = new FutureEvent();
            Future first = e.Wait();
            e.Clear();
            Future second = e.Wait();
            e.Set();
            Assert.True(first.IsDone);
            Assert.True(second.IsDone);
            yield break;
        }
    }

    // SemaphoreTest.test_negative_value
    [Fact]
    public void A_semaphore_of_negative_size_cannot_be_made()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FutureSemaphore(-1));
    }

    // SemaphoreTest.test_acquire
    [Fact]
    public void Semaphore_acquirers_wait_for_releases_one_each_in_order()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Assert.True(semaphore.Acquire().IsDone);

            Future<IDisposable> first = semaphore.Acquire();
            Assert.False(first.IsDone);
            Future<IDisposable> second = semaphore.Acquire();
            semaphore.Release();
            Assert.True(first.IsDone);
            Assert.False(second.IsDone);
            semaphore.Release();
            Assert.True(second.IsDone);

            semaphore.Release();
            Assert.True(semaphore.Acquire().IsDone); // a free permit is taken at once
            Assert.Equal(0, semaphore.WaitingCount);
            yield break;
        }
    }

    // SemaphoreTest.test_acquire_timeout
    [Fact]
    public void Semaphore_acquire_times_out_and_a_late_release_serves_the_next_acquirer()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(2);
            yield return semaphore.Acquire();
            yield return semaphore.Acquire();
            Future<IDisposable> timed = semaphore.Acquire(Ms(10));
            EventLoop.Current!.CallLater(Ms(20), semaphore.Release); // too late
            yield return Coroutine.Sleep(Ms(300));
            Assert.IsType<TimeoutException>(timed.Exception);

            // The late release freed one permit, which the timed-out acquire did not keep.
            Assert.True(semaphore.Acquire().IsDone);
            Future<IDisposable> next = semaphore.Acquire();
            Assert.False(next.IsDone);
            semaphore.Release();
            Assert.True(next.IsDone);
        }
    }

    // SemaphoreTest.test_acquire_timeout_preempted
    [Fact]
    public void Semaphore_acquire_served_before_its_timeout_does_not_time_out()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            yield return semaphore.Acquire();
            EventLoop.Current!.CallLater(Ms(10), semaphore.Release);
            Future<IDisposable> acquire = semaphore.Acquire(Ms(20));
            yield return Coroutine.Sleep(Ms(30));
            Assert.True(acquire.IsDone);
            Assert.False(acquire.IsFaulted);
        }
    }

    // SemaphoreTest.test_garbage_collection (Semaphore(0) there; a held Semaphore(1) here)
    [Fact]
    public void Timed_out_acquirers_leave_the_line_and_the_last_is_still_served()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Assert.True(semaphore.TryAcquire());
            Future<IDisposable>[] timed = [.. Enumerable.Range(0, 101).Select(_ => semaphore.Acquire(Ms(10)))];
            Future<IDisposable> last = semaphore.Acquire();
            Assert.Equal(102, semaphore.WaitingCount);

            yield return Coroutine.Sleep(Ms(20));
            Assert.Equal(1, semaphore.WaitingCount);

            Assert.False(last.IsDone);
            semaphore.Release();
            Assert.True(last.IsDone);
            Assert.All(timed, acquire => Assert.IsType<TimeoutException>(acquire.Exception));
        }
    }

    // SemaphoreContextManagerTest.test_context_manager
    [Fact]
    public void Disposing_the_acquired_permit_releases_it()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Future<IDisposable> acquire = semaphore.Acquire();
            yield return acquire;
            using (acquire.Result)
            {
                Assert.Equal(0, semaphore.Available);
            }

            Assert.True(semaphore.Acquire().IsDone);
        }
    }

    // SemaphoreContextManagerTest.test_context_manager_exception
    [Fact]
    public void An_exception_inside_the_using_block_still_releases_the_permit()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Future failed = Coroutine.Start(FailWhileHolding(semaphore));
            yield return failed.Settled();
            Assert.IsType<DivideByZeroException>(failed.Exception);

            Assert.True(semaphore.Acquire().IsDone);
        }

        static IEnumerable FailWhileHolding(FutureSemaphore semaphore)
        {
            Future<IDisposable> acquire = semaphore.Acquire();
            yield return acquire;
            using (acquire.Result)
            {
                throw new DivideByZeroException();
            }
        }
    }

    // SemaphoreContextManagerTest.test_context_manager_timeout
    [Fact]
    public void A_permit_acquired_with_a_timeout_is_released_by_disposing_it()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Future<IDisposable> acquire = semaphore.Acquire(Ms(10));
            yield return acquire;
            using (acquire.Result)
            {
            }

            Assert.True(semaphore.Acquire().IsDone);
        }
    }

    // SemaphoreContextManagerTest.test_context_manager_timeout_error
    [Fact]
    public void A_timed_out_acquire_takes_no_permit()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(0);
            Future<IDisposable> acquire = semaphore.Acquire(Ms(10));
            yield return acquire.Settled();
            Assert.IsType<TimeoutException>(acquire.Exception);

            Assert.Equal(0, semaphore.Available);
            Assert.False(semaphore.Acquire().IsDone);
        }
    }

    // SemaphoreContextManagerTest.test_context_manager_contended
    [Fact]
    public void Contending_coroutines_hold_the_permit_one_after_the_other()
    {
        var history = new List<string>();
        Run(Body);
        Assert.Equal(["acquired 0", "release 0", "acquired 1", "release 1"], history);

        IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            yield return Future.All(Coroutine.Start(Holder(semaphore, 0)), Coroutine.Start(Holder(semaphore, 1)));
        }

        IEnumerable Holder(FutureSemaphore semaphore, int index)
        {
            Future<IDisposable> acquire = semaphore.Acquire();
            yield return acquire;
            using (acquire.Result)
            {
                history.Add($"acquired {index}");
                yield return Coroutine.Sleep(Ms(10));
                history.Add($"release {index}");
            }
        }
    }

    // SemaphoreContextManagerTest.test_yield_sem
    [Fact]
    public void Yielding_the_semaphore_itself_instead_of_its_acquire_is_a_bad_yield()
    {
        Assert.Throws<BadYieldException>(() => Run(Body));

        static IEnumerable Body()
        {
            yield return new FutureSemaphore(1);
        }
    }

    // BoundedSemaphoreTest.test_release_unacquired
    [Fact]
    public void Releasing_a_permit_that_is_not_held_throws()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var semaphore = new FutureSemaphore(1);
            Assert.Throws<InvalidOperationException>(semaphore.Release);

            Assert.True(semaphore.Acquire().IsDone);
            Future<IDisposable> waiting = semaphore.Acquire();
            Assert.False(waiting.IsDone);
            semaphore.Release();
            Assert.True(waiting.IsDone);

            semaphore.Release();
            Assert.Equal(1, semaphore.Available);
            Assert.Throws<InvalidOperationException>(semaphore.Release);
            yield break;
        }
    }

    // LockTests.test_acquire_release
    [Fact]
    public void A_second_acquire_waits_until_the_lock_is_released()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.True(gate.Acquire().IsDone);
            Future<IDisposable> second = gate.Acquire();
            Assert.False(second.IsDone);
            gate.Release();
            Assert.True(second.IsDone);
            yield break;
        }
    }

    // LockTests.test_acquire_fifo
    [Fact]
    public void Coroutines_waiting_for_the_lock_get_it_in_the_order_they_asked()
    {
        var history = new List<int>();
        Run(Body);
        Assert.Equal([0, 1, 2, 3, 4], history);

        IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.True(gate.Acquire().IsDone);
            Future[] coroutines = [.. Enumerable.Range(0, 5).Select(i => Coroutine.Start(Critical(gate, i)))];
            Assert.DoesNotContain(coroutines, coroutine => coroutine.IsDone);
            gate.Release();
            yield return Future.All(coroutines);
        }

        IEnumerable Critical(FutureLock gate, int index)
        {
            Future<IDisposable> acquire = gate.Acquire();
            yield return acquire;
            using (acquire.Result)
            {
                history.Add(index);
            }
        }
    }

    // LockTests.test_acquire_timeout
    [Fact]
    public void A_lock_acquire_that_times_out_leaves_the_lock_held_by_its_holder()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.True(gate.Acquire().IsDone);
            Future<IDisposable> timed = gate.Acquire(Ms(10));
            yield return timed.Settled();
            Assert.IsType<TimeoutException>(timed.Exception);

            Assert.True(gate.IsHeld);
            Assert.False(gate.Acquire().IsDone);
        }
    }

    // LockTests.test_multi_release
    [Fact]
    public void Releasing_a_lock_nobody_holds_throws()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var gate = new FutureLock();
            Assert.Throws<InvalidOperationException>(gate.Release);
            Assert.True(gate.Acquire().IsDone);
            gate.Release();
            Assert.Throws<InvalidOperationException>(gate.Release);
            yield break;
        }
    }

    // LockTests.test_yield_lock
    [Fact]
    public void Yielding_the_lock_itself_instead_of_its_acquire_is_a_bad_yield()
    {
        Assert.Throws<BadYieldException>(() => Run(Body));

        static IEnumerable Body()
        {
            yield return new FutureLock();
        }
    }
}

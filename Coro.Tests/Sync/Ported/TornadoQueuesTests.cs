// The behaviours checked by Tornado's tornado/test/queues_test.py (https://github.com/tornadoweb/tornado),
// Copyright The Tornado Authors, licensed under the Apache License, Version 2.0
// (http://www.apache.org/licenses/LICENSE-2.0). Each test here is written anew in C# against Coro's
// FutureQueue, FutureLifoQueue and FuturePriorityQueue, and names the Tornado test it ports.
//
// Adapted:
// - get_nowait / put_nowait raise QueueEmpty / QueueFull in Tornado; Coro's TryGet / TryPut return false.
// - The *_clears_timed_out_* tests read the private _getters / _putters lists, which Tornado sweeps
//   only on the next get or put. Coro takes a timed-out waiter out of its line at once and has no
//   public count of waiting getters or putters, so the ports check what the sweep is for: every
//   timed-out request faulted and took or added nothing, and the live ones are served in order.
// - QueueJoinTest runs against all three queues, as PriorityQueueJoinTest and LifoQueueJoinTest do
//   (a priority queue's item is its own priority here); test_task_done's random sleeps come from a
//   seeded Random, so the interleaving is the same on every run.
// - PriorityQueueJoinTest.test_order puts (priority, name) tuples; Coro passes the priority apart.
// Not ported, and why:
// - test_repr_and_str: Coro's queues make no promise about their ToString.
// - test_maxsize's TypeError for maxsize=None: a C# int cannot be None.
// - test_float_maxsize: MaxSize is an int; a fractional bound cannot be given.
// - test_async_for: Coro's queues are not async-enumerable.
using System.Collections;
using static Coro.Tests.Sync.Ported.VirtualLoop;

namespace Coro.Tests.Sync.Ported;

public class TornadoQueuesTests
{
    // QueueBasicTest.test_order
    [Fact]
    public void Items_come_out_in_the_order_they_were_put()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            foreach (int item in new[] { 1, 3, 2 })
            {
                Assert.True(queue.TryPut(item));
            }

            Assert.Equal([1, 3, 2], TakeAll(queue, 3));
            yield break;
        }
    }

    // QueueBasicTest.test_maxsize
    [Fact]
    public void A_bounded_queue_is_full_at_its_bound_and_a_put_waits_for_room()
    {
        Run(Body);

        static IEnumerable Body()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new FutureQueue<int>(maxSize: -1));

            var queue = new FutureQueue<int>(maxSize: 2);
            Assert.True(queue.IsEmpty);
            Assert.False(queue.IsFull);
            Assert.Equal(2, queue.MaxSize);
            Assert.True(queue.Put(0).IsDone);
            Assert.True(queue.Put(1).IsDone);
            Assert.False(queue.IsEmpty);
            Assert.True(queue.IsFull);

            Future put2 = queue.Put(2);
            Assert.False(put2.IsDone);
            Future<int> get = queue.Get(); // makes room
            yield return get;
            Assert.Equal(0, get.Result);
            Assert.True(put2.IsDone);
            Assert.False(queue.IsEmpty);
            Assert.True(queue.IsFull);
        }
    }

    // QueueGetTest.test_blocking_get
    [Fact]
    public void Get_of_a_queued_item_completes_with_it()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Assert.True(queue.TryPut(0));
            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(0, get.Result);
        }
    }

    // QueueGetTest.test_nonblocking_get
    [Fact]
    public void TryGet_takes_a_queued_item()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Assert.True(queue.TryPut(0));
            Assert.True(queue.TryGet(out int item));
            Assert.Equal(0, item);
            yield break;
        }
    }

    // QueueGetTest.test_nonblocking_get_exception
    [Fact]
    public void TryGet_on_an_empty_queue_returns_false()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Assert.False(queue.TryGet(out _));
            yield break;
        }
    }

    // QueueGetTest.test_get_with_putters
    [Fact]
    public void Get_from_a_full_queue_lets_the_waiting_putter_in()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            Assert.True(queue.TryPut(0));
            Future put = queue.Put(1);
            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(0, get.Result);
            yield return put;
            Assert.True(put.IsDone);
            Assert.False(put.IsFaulted);
        }
    }

    // QueueGetTest.test_blocking_get_wait
    [Fact]
    public void Gets_with_a_timeout_receive_items_put_before_it_passes()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            queue.Put(0);
            EventLoop.Current!.CallLater(Ms(10), () => queue.TryPut(1));
            EventLoop.Current!.CallLater(Ms(20), () => queue.TryPut(2));
            Future<int> first = queue.Get(TimeSpan.FromSeconds(1));
            yield return first;
            Assert.Equal(0, first.Result);
            Future<int> second = queue.Get(TimeSpan.FromSeconds(1));
            yield return second;
            Assert.Equal(1, second.Result);
        }
    }

    // QueueGetTest.test_get_timeout
    [Fact]
    public void A_timed_out_get_leaves_the_item_for_the_next_getter()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> timed = queue.Get(Ms(10));
            Future<int> get = queue.Get();
            yield return timed.Settled();
            Assert.IsType<TimeoutException>(timed.Exception);

            Assert.True(queue.TryPut(0));
            yield return get;
            Assert.Equal(0, get.Result);
        }
    }

    // QueueGetTest.test_get_zero_timeout
    [Fact]
    public void Get_with_a_zero_timeout_on_an_empty_queue_times_out()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> get = queue.Get(TimeSpan.Zero);
            yield return get.Settled();
            Assert.IsType<TimeoutException>(get.Exception);
        }
    }

    // QueueGetTest.test_get_timeout_preempted
    [Fact]
    public void A_get_served_before_its_timeout_does_not_time_out()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> get = queue.Get(Ms(10));
            queue.Put(0);
            yield return Coroutine.Sleep(Ms(20));
            Assert.Equal(0, get.Result);
        }
    }

    // QueueGetTest.test_get_clears_timed_out_putters
    [Fact]
    public void Timed_out_putters_add_nothing_and_a_get_lets_the_next_live_putter_in()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            Future[] putters = [.. Enumerable.Range(0, 10).Select(i => queue.Put(i, Ms(10)))];
            Future put10 = queue.Put(10);
            yield return Coroutine.Sleep(Ms(20));
            Assert.False(put10.IsDone);
            Future put11 = queue.Put(11);

            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(0, get.Result);
            Assert.True(put10.IsDone);
            Assert.False(put11.IsDone);
            Assert.All(putters[1..], putter => Assert.IsType<TimeoutException>(putter.Exception));
            Assert.Equal([10, 11], TakeAll(queue, 2));
        }
    }

    // QueueGetTest.test_get_clears_timed_out_getters
    [Fact]
    public void Timed_out_getters_take_nothing_and_the_live_getters_are_served_in_order()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int>[] getters = [.. Enumerable.Range(0, 10).Select(_ => queue.Get(Ms(10)))];
            Future<int> get = queue.Get();
            yield return Coroutine.Sleep(Ms(20));
            Assert.False(get.IsDone);
            Future<int> later = queue.Get();
            Assert.All(getters, getter => Assert.IsType<TimeoutException>(getter.Exception));

            queue.TryPut(0);
            queue.TryPut(1);
            Assert.Equal(0, get.Result);
            Assert.Equal(1, later.Result);
        }
    }

    // QueuePutTest.test_blocking_put
    [Fact]
    public void Put_into_an_unbounded_queue_completes_at_once()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Assert.True(queue.Put(0).IsDone);
            Assert.True(queue.TryGet(out int item));
            Assert.Equal(0, item);
            yield break;
        }
    }

    // QueuePutTest.test_nonblocking_put_exception
    [Fact]
    public void TryPut_on_a_full_queue_returns_false()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            queue.Put(0);
            Assert.False(queue.TryPut(1));
            Assert.Equal(1, queue.Count);
            yield break;
        }
    }

    // QueuePutTest.test_put_with_getters
    [Fact]
    public void Puts_go_to_the_waiting_getters_in_order()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> get0 = queue.Get();
            Future<int> get1 = queue.Get();
            yield return queue.Put(0);
            yield return get0;
            Assert.Equal(0, get0.Result);
            yield return queue.Put(1);
            yield return get1;
            Assert.Equal(1, get1.Result);
        }
    }

    // QueuePutTest.test_nonblocking_put_with_getters
    [Fact]
    public void TryPut_goes_to_the_waiting_getters_in_order()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> get0 = queue.Get();
            Future<int> get1 = queue.Get();
            Assert.True(queue.TryPut(0));
            yield return null;
            yield return get0;
            Assert.Equal(0, get0.Result);
            Assert.True(queue.TryPut(1));
            yield return null;
            yield return get1;
            Assert.Equal(1, get1.Result);
        }
    }

    // QueuePutTest.test_blocking_put_wait
    [Fact]
    public void Waiting_puts_complete_as_later_gets_make_room()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            Assert.True(queue.TryPut(0));
            EventLoop.Current!.CallLater(Ms(10), () => queue.Get());
            EventLoop.Current!.CallLater(Ms(20), () => queue.Get());
            Future[] puts = [queue.Put(0), queue.Put(1)];
            Assert.DoesNotContain(puts, put => put.IsDone);
            yield return Future.All(puts);
        }
    }

    // QueuePutTest.test_put_timeout
    [Fact]
    public void A_timed_out_put_never_adds_its_item()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            Assert.True(queue.TryPut(0));
            Future timed = queue.Put(1, Ms(10));
            Future put = queue.Put(2);
            yield return timed.Settled();
            Assert.IsType<TimeoutException>(timed.Exception);

            Assert.True(queue.TryGet(out int first));
            Assert.Equal(0, first);
            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(2, get.Result); // 1 was never put
            yield return put;
        }
    }

    // QueuePutTest.test_put_timeout_preempted
    [Fact]
    public void A_put_given_room_before_its_timeout_does_not_time_out()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            Assert.True(queue.TryPut(0));
            Future put = queue.Put(1, Ms(10));
            queue.Get();
            yield return Coroutine.Sleep(Ms(20));
            Assert.True(put.IsDone);
            Assert.False(put.IsFaulted);
        }
    }

    // QueuePutTest.test_put_clears_timed_out_putters
    [Fact]
    public void A_put_after_putters_timed_out_waits_behind_the_live_putter()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            Future[] putters = [.. Enumerable.Range(0, 10).Select(i => queue.Put(i, Ms(10)))];
            Future put10 = queue.Put(10);
            yield return Coroutine.Sleep(Ms(20));
            Assert.False(put10.IsDone);
            Future put11 = queue.Put(11);
            Assert.False(put11.IsDone);
            Assert.All(putters[1..], putter => Assert.IsType<TimeoutException>(putter.Exception));
            Assert.Equal([0, 10, 11], TakeAll(queue, 3));
            Assert.True(put11.IsDone);
        }
    }

    // QueuePutTest.test_put_clears_timed_out_getters
    [Fact]
    public void A_put_after_getters_timed_out_goes_to_the_first_live_getter()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int>[] getters = [.. Enumerable.Range(0, 10).Select(_ => queue.Get(Ms(10)))];
            Future<int> get = queue.Get();
            Future<int> other = queue.Get();
            yield return Coroutine.Sleep(Ms(20));
            Assert.False(get.IsDone);

            queue.Put(0);
            yield return get;
            Assert.Equal(0, get.Result);
            Assert.False(other.IsDone);
            Assert.All(getters, getter => Assert.IsType<TimeoutException>(getter.Exception));
        }
    }

    // QueueJoinTest.test_task_done_underflow (and its LifoQueue and PriorityQueue runs)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void TaskDone_with_no_unfinished_task_throws(string kind)
    {
        Run(Body);

        IEnumerable Body()
        {
            QueueUnderTest queue = QueueUnderTest.Create(kind);
            Assert.Throws<InvalidOperationException>(queue.TaskDone);
            yield break;
        }
    }

    // QueueJoinTest.test_task_done (and its LifoQueue and PriorityQueue runs)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void Join_completes_once_two_workers_marked_every_item_done(string kind)
    {
        int accumulator = 0;
        var random = new Random(20150717);
        Run(Body);
        Assert.Equal(Enumerable.Range(0, 100).Sum(), accumulator);

        IEnumerable Body()
        {
            QueueUnderTest queue = QueueUnderTest.Create(kind);
            for (int i = 0; i < 100; i++)
            {
                Assert.True(queue.TryPut(i));
            }

            Coroutine.Start(Worker(queue));
            Coroutine.Start(Worker(queue));
            yield return queue.Join(null);
        }

        IEnumerable Worker(QueueUnderTest queue)
        {
            while (true)
            {
                Future<int> next = queue.Get();
                yield return next;
                accumulator += next.Result;
                queue.TaskDone();
                yield return Coroutine.Sleep(Ms(random.NextDouble() * 10));
            }
        }
    }

    // QueueJoinTest.test_task_done_delay (and its LifoQueue and PriorityQueue runs)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void TaskDone_not_get_is_what_completes_join(string kind)
    {
        Run(Body);

        IEnumerable Body()
        {
            QueueUnderTest queue = QueueUnderTest.Create(kind);
            Assert.True(queue.TryPut(0));
            Future join = queue.Join(null);
            Assert.False(join.IsDone);
            yield return queue.Get();
            Assert.False(join.IsDone);
            yield return null;
            Assert.False(join.IsDone);
            queue.TaskDone();
            Assert.True(join.IsDone);
        }
    }

    // QueueJoinTest.test_join_empty_queue (and its LifoQueue and PriorityQueue runs)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void Join_on_a_queue_that_never_had_items_completes_at_once(string kind)
    {
        Run(Body);

        IEnumerable Body()
        {
            QueueUnderTest queue = QueueUnderTest.Create(kind);
            Assert.True(queue.Join(null).IsDone);
            Assert.True(queue.Join(null).IsDone);
            yield break;
        }
    }

    // QueueJoinTest.test_join_timeout (and its LifoQueue and PriorityQueue runs)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void Join_times_out_while_an_item_is_unfinished(string kind)
    {
        Run(Body);

        IEnumerable Body()
        {
            QueueUnderTest queue = QueueUnderTest.Create(kind);
            queue.Put(0);
            Future join = queue.Join(Ms(10));
            yield return join.Settled();
            Assert.IsType<TimeoutException>(join.Exception);
        }
    }

    // PriorityQueueJoinTest.test_order
    [Fact]
    public void A_full_priority_queue_lets_the_waiting_putter_in_then_gives_the_lowest_priority()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FuturePriorityQueue<string, int>(maxSize: 2);
            Assert.True(queue.TryPut("a", 1));
            Assert.True(queue.TryPut("b", 0));
            Assert.True(queue.IsFull);
            queue.Put("c", 3);
            queue.Put("d", 2);

            Assert.True(queue.TryGet(out string? first));
            Assert.Equal("b", first);
            Future<string> second = queue.Get();
            yield return second;
            Assert.Equal("a", second.Result);
            Assert.True(queue.TryGet(out string? third));
            Assert.Equal("d", third);
            Future<string> fourth = queue.Get();
            yield return fourth;
            Assert.Equal("c", fourth.Result);
            Assert.True(queue.IsEmpty);
        }
    }

    // LifoQueueJoinTest.test_order
    [Fact]
    public void A_full_lifo_queue_lets_the_waiting_putter_in_then_gives_the_newest()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureLifoQueue<int>(maxSize: 2);
            Assert.True(queue.TryPut(1));
            Assert.True(queue.TryPut(0));
            Assert.True(queue.IsFull);
            queue.Put(3);
            queue.Put(2);

            Assert.True(queue.TryGet(out int first));
            Assert.Equal(3, first);
            Future<int> second = queue.Get();
            yield return second;
            Assert.Equal(2, second.Result);
            Assert.True(queue.TryGet(out int third));
            Assert.Equal(0, third);
            Future<int> fourth = queue.Get();
            yield return fourth;
            Assert.Equal(1, fourth.Result);
            Assert.True(queue.IsEmpty);
        }
    }

    // ProducerConsumerTest.test_producer_consumer
    [Fact]
    public void A_consumer_that_marks_items_done_without_yielding_still_sees_every_item()
    {
        var history = new List<int>();
        Run(Body);
        Assert.Equal(Enumerable.Range(0, 10), history);

        IEnumerable Body()
        {
            var queue = new FutureQueue<int>(maxSize: 3);
            Coroutine.Start(Consumer(queue));
            yield return Coroutine.Start(Producer(queue));
            yield return queue.Join();
        }

        IEnumerable Consumer(FutureQueue<int> queue)
        {
            while (true)
            {
                Future<int> next = queue.Get();
                yield return next;
                history.Add(next.Result);
                queue.TaskDone();
            }
        }

        static IEnumerable Producer(FutureQueue<int> queue)
        {
            for (int item = 0; item < 10; item++)
            {
                yield return queue.Put(item);
            }
        }
    }

    private static int[] TakeAll(FutureQueue<int> queue, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => queue.TryGet(out int item) ? item : throw new InvalidOperationException("the queue ran dry"))];
}

// The behaviours checked by CPython's Lib/test/test_asyncio/test_queues.py (https://github.com/python/cpython),
// Copyright Python Software Foundation, licensed under the Python Software Foundation License
// Version 2 (https://docs.python.org/3/license.html). Each test here is written anew in C# against
// Coro's FutureQueue, FutureLifoQueue and FuturePriorityQueue, and names the asyncio test it ports.
//
// Adapted:
// - asyncio.create_task schedules a task's first step; Coroutine.Start runs it at once, so a
//   coroutine that must wait is already in line when Start returns.
// - get_nowait / put_nowait raise QueueEmpty / QueueFull; Coro's TryGet / TryPut return false.
// - asyncio.wait_for(q.get(), t) is Future.WithTimeout here; _getters / _putters, which the suite
//   reads, have no public count in Coro, so the ports check that the withdrawn request took or added
//   nothing.
// - asyncio adds a waiting putter's item when the putter resumes, Coro as it gives the putter room:
//   test_put_cancel_drop and test_cancelled_put_silence_value_error_exception check Coro's side of
//   the same promise (the item of a completed put is in the queue exactly once, and cancelling its
//   coroutine afterwards raises nothing).
// - The PriorityQueue runs give each item itself as its priority.
// Not ported, and why:
// - test_repr, test_str, test_format, test_generic_alias: no repr contract; C# generics need no alias.
// - test_float_maxsize: MaxSize is an int.
// - QueueShutdownTests (QueueShutDown, shutdown(immediate)): Coro's queues have no shutdown.
// - test_get_nowait_with_putters, test_put_nowait_with_getters (QueueWithPendingTasks): these exist
//   only in a proposal's branch (gh-83055), not in CPython's queues.
using System.Collections;
using static Coro.Tests.Sync.Ported.VirtualLoop;

namespace Coro.Tests.Sync.Ported;

public class AsyncioQueuesTests
{
    // QueueBasicTests.test_empty
    [Fact]
    public void IsEmpty_follows_puts_and_gets()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Assert.True(queue.IsEmpty);
            yield return queue.Put(1);
            Assert.False(queue.IsEmpty);
            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(1, get.Result);
            Assert.True(queue.IsEmpty);
        }
    }

    // QueueBasicTests.test_full
    [Fact]
    public void An_unbounded_queue_is_never_full_and_a_bounded_one_is_at_its_bound()
    {
        Run(Body);

        static IEnumerable Body()
        {
            Assert.False(new FutureQueue<int>().IsFull);
            var bounded = new FutureQueue<int>(maxSize: 1);
            yield return bounded.Put(1);
            Assert.True(bounded.IsFull);
        }
    }

    // QueueBasicTests.test_order
    [Fact]
    public void Gets_return_items_in_the_order_they_were_put()
    {
        var items = new List<int>();
        Run(Body);
        Assert.Equal([1, 3, 2], items);

        IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            foreach (int item in new[] { 1, 3, 2 })
            {
                yield return queue.Put(item);
            }

            for (int i = 0; i < 3; i++)
            {
                Future<int> get = queue.Get();
                yield return get;
                items.Add(get.Result);
            }
        }
    }

    // QueueBasicTests.test_maxsize
    [Fact]
    public void A_putter_blocked_at_the_bound_resumes_once_a_get_makes_room()
    {
        var haveBeenPut = new List<int>();
        Run(Body);

        IEnumerable Body()
        {
            var queue = new FutureQueue<int>(maxSize: 2);
            Assert.Equal(2, queue.MaxSize);
            Future putter = Coroutine.Start(Putter(queue));
            yield return null;
            yield return null;
            Assert.Equal([0, 1], haveBeenPut);

            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(0, get.Result);
            yield return null;
            Assert.Equal([0, 1, 2], haveBeenPut);
            Assert.True(queue.TryGet(out int second));
            Assert.Equal(1, second);
            Assert.True(queue.TryGet(out int third));
            Assert.Equal(2, third);
            Assert.True(putter.IsDone);
        }

        IEnumerable Putter(FutureQueue<int> queue)
        {
            for (int i = 0; i < 3; i++)
            {
                yield return queue.Put(i);
                haveBeenPut.Add(i);
            }
        }
    }

    // QueueGetTests.test_blocking_get
    [Fact]
    public void Get_returns_an_item_already_in_the_queue()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Assert.True(queue.TryPut(1));
            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(1, get.Result);
        }
    }

    // QueueGetTests.test_get_with_putters
    [Fact]
    public void A_get_from_a_full_queue_completes_the_waiting_put()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            yield return queue.Put(1);
            Future waitingPut = queue.Put(2);
            Assert.False(waitingPut.IsDone);

            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(1, get.Result);
            Assert.True(waitingPut.IsDone);
            Assert.False(waitingPut.IsFaulted);
        }
    }

    // QueueGetTests.test_blocking_get_wait
    [Fact]
    public void A_getter_waits_until_an_item_is_put_later()
    {
        bool finished = false;
        Run(Body);

        IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            DateTimeOffset start = Now;
            Future<int> getter = Coroutine.Start<int>(Getter(queue));
            Assert.False(finished);
            EventLoop.Current!.CallLater(Ms(10), () => queue.TryPut(1));
            yield return getter;
            Assert.True(finished);
            Assert.Equal(1, getter.Result);
            Assert.Equal(Ms(10), Now - start);
        }

        IEnumerable Getter(FutureQueue<int> queue)
        {
            Future<int> get = queue.Get();
            yield return get;
            finished = true;
            yield return Coroutine.Return(get.Result);
        }
    }

    // QueueGetTests.test_nonblocking_get
    [Fact]
    public void TryGet_returns_the_queued_item()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            queue.TryPut(1);
            Assert.True(queue.TryGet(out int item));
            Assert.Equal(1, item);
            yield break;
        }
    }

    // QueueGetTests.test_nonblocking_get_exception
    [Fact]
    public void TryGet_of_an_empty_queue_fails()
    {
        Run(Body);

        static IEnumerable Body()
        {
            Assert.False(new FutureQueue<int>().TryGet(out _));
            yield break;
        }
    }

    // QueueGetTests.test_get_cancelled (the old suite's wait_for(q.get(), 0.051), put at 0.01)
    [Fact]
    public void A_get_under_WithTimeout_that_is_served_in_time_returns_the_item()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> get = queue.Get().WithTimeout(Ms(51));
            yield return Coroutine.Sleep(Ms(10));
            queue.TryPut(1);
            yield return get;
            Assert.Equal(1, get.Result);
        }
    }

    // QueueGetTests.test_get_cancelled_race
    [Fact]
    public void An_item_put_after_the_first_getter_was_cancelled_goes_to_the_second()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<string>();
            Future<string> t1 = queue.Get();
            Future<string> t2 = queue.Get();
            yield return null;
            t1.Cancel();
            yield return null;
            Assert.True(t1.IsDone);
            yield return queue.Put("a");
            yield return null;
            yield return t2;
            Assert.Equal("a", t2.Result);
        }
    }

    // QueueGetTests.test_get_with_waiting_putters
    [Fact]
    public void Gets_from_a_full_queue_receive_the_waiting_putters_items_in_order()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<string>(maxSize: 1);
            Coroutine.Start(PutOne(queue, "a"));
            Coroutine.Start(PutOne(queue, "b"));
            Future<string> first = queue.Get();
            yield return first;
            Assert.Equal("a", first.Result);
            Future<string> second = queue.Get();
            yield return second;
            Assert.Equal("b", second.Result);
        }
    }

    // QueueGetTests.test_why_are_getters_waiting
    [Fact]
    public void A_producer_and_a_consumer_pass_every_item_through_a_queue_of_one()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            yield return Future.All(Coroutine.Start(Produce(queue, 5)), Coroutine.Start(Consume(queue, 5)));
            Assert.True(queue.IsEmpty);
        }

        static IEnumerable Produce(FutureQueue<int> queue, int count)
        {
            for (int i = 0; i < count; i++)
            {
                yield return queue.Put(i);
            }
        }

        static IEnumerable Consume(FutureQueue<int> queue, int count)
        {
            for (int i = 0; i < count; i++)
            {
                yield return queue.Get();
            }
        }
    }

    // QueueGetTests.test_cancelled_getters_not_being_held_in_self_getters
    [Fact]
    public void A_get_withdrawn_by_WithTimeout_does_not_hold_on_to_later_items()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(maxSize: 5);
            Future<int> get = queue.Get().WithTimeout(Ms(100));
            yield return get.Settled();
            Assert.IsType<TimeoutException>(get.Exception);

            Assert.True(queue.TryPut(7));
            Assert.Equal(1, queue.Count); // nobody took it
        }
    }

    // QueuePutTests.test_blocking_put
    [Fact]
    public void Put_into_an_unbounded_queue_does_not_wait()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            yield return queue.Put(1);
            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(1, get.Result);
        }
    }

    // QueuePutTests.test_blocking_put_wait
    [Fact]
    public void A_putter_waits_for_a_later_get_to_make_room()
    {
        bool finished = false;
        Run(Body);

        IEnumerable Body()
        {
            var queue = new FutureQueue<int>(maxSize: 1);
            EventLoop.Current!.CallLater(Ms(10), () => queue.TryGet(out _));
            Future putter = Coroutine.Start(PutTwo());
            Assert.False(finished);
            yield return putter;
            Assert.True(finished);

            IEnumerable PutTwo()
            {
                yield return queue.Put(1);
                yield return queue.Put(2);
                finished = true;
            }
        }
    }

    // QueuePutTests.test_nonblocking_put
    [Fact]
    public void TryPut_adds_the_item()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Assert.True(queue.TryPut(1));
            Assert.True(queue.TryGet(out int item));
            Assert.Equal(1, item);
            yield break;
        }
    }

    // QueuePutTests.test_get_cancel_drop_one_pending_reader
    [Fact]
    public void An_item_handed_to_a_reader_cancelled_before_it_resumed_is_not_dropped()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> reader = Coroutine.Start<int>(ReadOne(queue));
            yield return null;

            queue.TryPut(1); // handed to the waiting reader
            queue.TryPut(2);
            reader.Cancel();
            Assert.True(reader.IsCanceled);

            reader = Coroutine.Start<int>(ReadOne(queue));
            yield return reader;
            Assert.Equal(1, reader.Result); // 2 would mean 1 was dropped
        }
    }

    // QueuePutTests.test_get_cancel_drop_many_pending_readers
    [Fact]
    public void The_item_of_a_cancelled_reader_goes_to_another_waiting_reader()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future<int> reader1 = Coroutine.Start<int>(ReadOne(queue));
            Future<int> reader2 = Coroutine.Start<int>(ReadOne(queue));
            Future<int> reader3 = Coroutine.Start<int>(ReadOne(queue));
            yield return null;

            queue.TryPut(1);
            queue.TryPut(2);
            reader1.Cancel();
            yield return Future.All(reader2, reader3);

            Assert.True(reader1.IsCanceled);
            Assert.Equal([1, 2], new[] { reader2.Result, reader3.Result }.Order());
            Assert.True(queue.IsEmpty);
        }
    }

    // QueuePutTests.test_put_cancel_drop
    [Fact]
    public void The_item_of_a_completed_put_is_in_the_queue_once_though_its_putter_is_then_cancelled()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            queue.TryPut(1);
            Future writer = Coroutine.Start(WriteTwo());
            yield return null;

            Assert.True(queue.TryGet(out int first));
            Assert.Equal(1, first);
            writer.Cancel();
            Assert.True(writer.IsCanceled);

            Assert.True(queue.TryGet(out int second));
            Assert.Equal(2, second);
            Assert.Equal(0, queue.Count);

            IEnumerable WriteTwo()
            {
                yield return queue.Put(2);
            }
        }
    }

    // QueuePutTests.test_nonblocking_put_exception
    [Fact]
    public void TryPut_into_a_full_queue_fails()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(maxSize: 1);
            Assert.True(queue.TryPut(1));
            Assert.False(queue.TryPut(2));
            yield break;
        }
    }

    // QueuePutTests.test_put_cancelled
    [Fact]
    public void A_put_coroutine_finishes_and_its_item_is_got()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>();
            Future putter = Coroutine.Start(PutOne(queue, 1));
            Future<int> get = queue.Get();
            yield return get;
            Assert.Equal(1, get.Result);
            Assert.True(putter.IsDone);
            Assert.False(putter.IsFaulted);
        }
    }

    // QueuePutTests.test_put_cancelled_race
    [Fact]
    public void A_cancelled_waiting_put_never_adds_its_item()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<string>(maxSize: 1);
            Future putA = Coroutine.Start(PutOne(queue, "a"));
            Future putB = Coroutine.Start(PutOne(queue, "b"));
            Future putX = Coroutine.Start(PutOne(queue, "X"));
            yield return null;
            Assert.True(putA.IsDone);
            Assert.False(putB.IsDone);

            putX.Cancel();
            yield return null;
            Assert.True(putX.IsDone);
            Assert.True(queue.TryGet(out string? first));
            Assert.Equal("a", first);
            yield return null;
            Assert.True(queue.TryGet(out string? second));
            Assert.Equal("b", second);
            yield return putB;
            Assert.True(queue.IsEmpty);
        }
    }

    // QueuePutTests.test_put_with_waiting_getters
    [Fact]
    public void A_put_goes_to_a_getter_already_waiting()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<string>();
            Future<string> getter = Coroutine.Start<string>(ReadOne(queue));
            yield return null;
            yield return queue.Put("a");
            yield return getter;
            Assert.Equal("a", getter.Result);
        }
    }

    // QueuePutTests.test_why_are_putters_waiting
    [Fact]
    public void Gets_that_drain_a_full_queue_let_every_waiting_putter_in()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(2);
            Future getter = Coroutine.Start(Drain(queue));
            Future[] putters = [.. Enumerable.Range(0, 4).Select(i => Coroutine.Start(PutOne(queue, i)))];
            yield return Future.All([getter, .. putters]);
        }

        static IEnumerable Drain(FutureQueue<int> queue)
        {
            yield return null;
            for (int count = queue.Count; count > 0; count--)
            {
                Assert.True(queue.TryGet(out _));
            }
        }
    }

    // QueuePutTests.test_cancelled_puts_not_being_held_in_self_putters
    [Fact]
    public void A_cancelled_waiting_put_leaves_the_line_and_adds_nothing()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(maxSize: 1);
            queue.TryPut(1);
            Future putTask = Coroutine.Start(PutOne(queue, 2));
            yield return null;

            putTask.Cancel();
            yield return putTask.Settled();
            Assert.True(putTask.IsCanceled);

            Assert.True(queue.TryGet(out int item));
            Assert.Equal(1, item);
            Assert.True(queue.IsEmpty); // the cancelled put did not slip in as room was made
        }
    }

    // QueuePutTests.test_cancelled_put_silence_value_error_exception
    [Fact]
    public void Cancelling_a_putter_whose_put_a_get_already_completed_raises_nothing()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureQueue<int>(1);
            queue.TryPut(1);
            Future putTask = Coroutine.Start(PutOne(queue, 2));
            yield return null;

            Assert.True(queue.TryGet(out _)); // lets the waiting put in
            Assert.True(putTask.Cancel());
            yield return putTask.Settled();
            Assert.True(putTask.IsCanceled);
            Assert.False(putTask.IsFaulted);
        }
    }

    // LifoQueueTests.test_order
    [Fact]
    public void A_lifo_queue_gives_the_newest_item_first()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FutureLifoQueue<int>();
            foreach (int item in new[] { 1, 3, 2 })
            {
                yield return queue.Put(item);
            }

            Assert.Equal([2, 3, 1], Enumerable.Range(0, 3).Select(_ => queue.Get().Result));
        }
    }

    // PriorityQueueTests.test_order
    [Fact]
    public void A_priority_queue_gives_the_lowest_priority_first()
    {
        Run(Body);

        static IEnumerable Body()
        {
            var queue = new FuturePriorityQueue<int, int>();
            foreach (int item in new[] { 1, 3, 2 })
            {
                yield return queue.Put(item, item);
            }

            Assert.Equal([1, 2, 3], Enumerable.Range(0, 3).Select(_ => queue.Get().Result));
        }
    }

    // _QueueJoinTestMixin.test_task_done_underflow (QueueJoinTests, LifoQueueJoinTests, PriorityQueueJoinTests)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void TaskDone_before_any_put_throws(string kind)
    {
        Run(Body);

        IEnumerable Body()
        {
            Assert.Throws<InvalidOperationException>(QueueUnderTest.Create(kind).TaskDone);
            yield break;
        }
    }

    // _QueueJoinTestMixin.test_task_done (QueueJoinTests, LifoQueueJoinTests, PriorityQueueJoinTests)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void Join_waits_for_two_workers_to_mark_every_item_done(string kind)
    {
        int accumulator = 0;
        bool running = true;
        Run(Body);

        IEnumerable Body()
        {
            QueueUnderTest queue = QueueUnderTest.Create(kind);
            for (int i = 0; i < 100; i++)
            {
                queue.TryPut(i);
            }

            Future[] workers = [Coroutine.Start(Worker(queue)), Coroutine.Start(Worker(queue))];
            yield return queue.Join(null);
            Assert.Equal(Enumerable.Range(0, 100).Sum(), accumulator);

            // Let the workers end as the suite's do: one last item each.
            running = false;
            foreach (Future _ in workers)
            {
                queue.TryPut(0);
            }

            yield return Future.All(workers);
        }

        IEnumerable Worker(QueueUnderTest queue)
        {
            while (running)
            {
                Future<int> next = queue.Get();
                yield return next;
                accumulator += next.Result;
                queue.TaskDone();
            }
        }
    }

    // _QueueJoinTestMixin.test_join_empty_queue (QueueJoinTests, LifoQueueJoinTests, PriorityQueueJoinTests)
    [Theory]
    [MemberData(nameof(QueueUnderTest.Kinds), MemberType = typeof(QueueUnderTest))]
    public void Join_of_a_fresh_queue_completes_at_once_each_time(string kind)
    {
        Run(Body);

        IEnumerable Body()
        {
            QueueUnderTest queue = QueueUnderTest.Create(kind);
            Future first = queue.Join(null);
            Assert.True(first.IsDone);
            yield return first;
            Future second = queue.Join(null);
            Assert.True(second.IsDone);
            yield return second;
        }
    }

    private static IEnumerable PutOne<T>(FutureQueue<T> queue, T item)
    {
        yield return queue.Put(item);
    }

    private static IEnumerable ReadOne<T>(FutureQueue<T> queue)
    {
        Future<T> get = queue.Get();
        yield return get;
        yield return Coroutine.Return(get.Result);
    }
}

using Coro;

namespace Coro.Tests.Sync;

public class FutureQueueTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Get_waits_until_an_item_is_put()
    {
        var queue = new FutureQueue<string>();
        var log = new List<string>();

        IEnumerable<Future> Consumer()
        {
            Future<string> next = queue.Get();
            log.Add("waiting");
            yield return next;
            log.Add("got " + next.Result);
        }

        IEnumerable<Future> Main()
        {
            Future consumer = Coroutine.Start(Consumer());
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(10));
            log.Add("put");
            yield return queue.Put("a");
            yield return consumer;
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal(["waiting", "put", "got a"], log);
    }

    [Fact]
    public void Waiting_getters_are_served_in_the_order_they_began_to_wait()
    {
        var queue = new FutureQueue<int>();
        var received = new List<(int Consumer, int Item)>();

        IEnumerable<Future> Consumer(int id)
        {
            Future<int> next = queue.Get();
            yield return next;
            received.Add((id, next.Result));
        }

        IEnumerable<Future> Main()
        {
            Future[] consumers = [.. Enumerable.Range(0, 5).Select(id => Coroutine.Start(Consumer(id)))];
            yield return Coroutine.Moment;
            for (int item = 100; item < 105; item++)
            {
                Assert.True(queue.TryPut(item));
            }

            yield return Future.All(consumers);
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal([(0, 100), (1, 101), (2, 102), (3, 103), (4, 104)], received);
    }

    [Fact]
    public void Items_come_out_in_the_order_they_were_put()
    {
        var queue = new FutureQueue<int>();
        for (int i = 0; i < 5; i++)
        {
            Assert.True(queue.Put(i).IsDone);
        }

        Assert.Equal(5, queue.Count);
        Assert.Equal([0, 1, 2, 3, 4], Enumerable.Range(0, 5).Select(_ => queue.Get().Result));
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Cancelled_waiting_get_never_receives_an_item_the_next_getter_does()
    {
        var queue = new FutureQueue<string>();
        Future<string> first = queue.Get();
        Future<string> second = queue.Get();

        Assert.True(first.Cancel());
        Assert.True(queue.TryPut("item"));

        Assert.True(first.IsCanceled);
        Assert.Equal("item", second.Result);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Cancelled_waiting_get_leaves_the_item_in_the_queue_when_nobody_else_waits()
    {
        var queue = new FutureQueue<string>();
        Future<string> get = queue.Get();
        get.Cancel();

        Assert.True(queue.TryPut("kept"));

        Assert.Equal(1, queue.Count);
        Assert.True(queue.TryGet(out string? item));
        Assert.Equal("kept", item);
    }

    [Fact]
    public void A_get_cancelled_from_another_thread_loses_no_item()
    {
        var queue = new FutureQueue<int>();

        IEnumerable<Future> Main()
        {
            Future<int> get = queue.Get();
            Task.Run(() => get.Cancel()).Wait(); // its removal from the line is posted to the loop
            Assert.True(queue.TryPut(5));        // so it is still in line here, but cannot take the item
            Assert.Equal(1, queue.Count);
            yield return Coroutine.Moment;
            Assert.True(get.IsCanceled);
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal(5, queue.Get().Result);
    }

    [Fact]
    public void Cancelling_a_coroutine_that_waits_in_get_passes_the_item_to_the_next_waiter()
    {
        var queue = new FutureQueue<int>();
        var received = new List<string>();
        bool cleanedUp = false;

        IEnumerable<Future> Consumer(string name)
        {
            try
            {
                Future<int> next = queue.Get();
                yield return next;
                received.Add($"{name}:{next.Result}");
            }
            finally
            {
                cleanedUp |= name == "doomed";
            }
        }

        IEnumerable<Future> Main()
        {
            Future doomed = Coroutine.Start(Consumer("doomed"));
            Future survivor = Coroutine.Start(Consumer("survivor"));
            yield return Coroutine.Moment;
            doomed.Cancel();
            queue.TryPut(7);
            yield return survivor;
            Assert.True(doomed.IsCanceled);
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal(["survivor:7"], received);
        Assert.True(cleanedUp);
        Assert.True(queue.IsEmpty);
    }

    [Fact]
    public void Get_with_a_timeout_faults_and_the_late_item_stays_in_the_queue()
    {
        var queue = new FutureQueue<int>();
        Future? timedGet = null;

        IEnumerable<Future> Main()
        {
            timedGet = queue.Get().WithTimeout(TimeSpan.FromMilliseconds(20));
            yield return timedGet.Settled();
            queue.TryPut(1);
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.IsType<TimeoutException>(timedGet!.Exception);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Bounded_put_waits_until_a_get_makes_room()
    {
        var queue = new FutureQueue<int>(maxSize: 2);
        var log = new List<string>();

        IEnumerable<Future> Producer()
        {
            for (int i = 0; i < 4; i++)
            {
                Future put = queue.Put(i);
                log.Add($"put {i} {(put.IsDone ? "at once" : "waits")}");
                yield return put;
            }

            log.Add("producer done");
        }

        IEnumerable<Future> Main()
        {
            Future producer = Coroutine.Start(Producer());
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(10));
            Assert.True(queue.IsFull);
            Assert.Equal(2, queue.Count);
            log.Add("get " + queue.Get().Result);
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(10));
            log.Add("get " + queue.Get().Result);
            yield return producer;
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal(["put 0 at once", "put 1 at once", "put 2 waits", "get 0", "put 3 waits", "get 1", "producer done"], log);
        Assert.Equal([2, 3], [queue.Get().Result, queue.Get().Result]);
    }

    [Fact]
    public void Waiting_putters_get_room_in_the_order_they_began_to_wait()
    {
        var queue = new FutureQueue<string>(maxSize: 1);
        queue.TryPut("first");
        Future a = queue.Put("a");
        Future b = queue.Put("b");
        Future c = queue.Put("c");

        Assert.False(a.IsDone);
        Assert.Equal("first", queue.Get().Result);
        Assert.True(a.IsDone);
        Assert.False(b.IsDone);
        Assert.Equal("a", queue.Get().Result);
        Assert.Equal("b", queue.Get().Result);
        Assert.Equal("c", queue.Get().Result);
        Assert.True(c.IsDone);
    }

    [Fact]
    public void Cancelled_put_never_adds_its_item()
    {
        var queue = new FutureQueue<string>(maxSize: 1);
        queue.TryPut("first");
        Future withdrawn = queue.Put("withdrawn");
        Future kept = queue.Put("kept");

        withdrawn.Cancel();

        Assert.Equal("first", queue.Get().Result);
        Assert.True(kept.IsDone);
        Assert.Equal("kept", queue.Get().Result);
        Assert.False(queue.TryGet(out _));
        Assert.Equal(2, queue.UnfinishedTasks);
    }

    [Fact]
    public void TryPut_on_a_full_queue_and_TryGet_on_an_empty_one_return_false()
    {
        var queue = new FutureQueue<int>(maxSize: 1);
        Assert.False(queue.TryGet(out _));
        Assert.True(queue.TryPut(1));
        Assert.False(queue.TryPut(2));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Join_completes_when_every_item_put_is_marked_done()
    {
        var queue = new FutureQueue<int>();
        Assert.True(queue.Join().IsDone);

        queue.TryPut(1);
        queue.TryPut(2);
        Future join = queue.Join();
        Assert.False(join.IsDone);

        queue.TryGet(out _);
        queue.TaskDone();
        Assert.False(join.IsDone);

        queue.TryGet(out _);
        queue.TaskDone();
        Assert.True(join.IsDone);
        Assert.Equal(0, queue.UnfinishedTasks);
    }

    [Fact]
    public void Join_waits_for_workers_that_put_more_items()
    {
        var queue = new FutureQueue<int>();
        var processed = new List<int>();

        IEnumerable<Future> Worker()
        {
            while (true)
            {
                Future<int> next = queue.Get();
                yield return next;
                try
                {
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(1));
                    processed.Add(next.Result);
                    if (next.Result < 8)
                    {
                        yield return queue.Put(next.Result * 2);
                        yield return queue.Put(next.Result * 2 + 1);
                    }
                }
                finally
                {
                    queue.TaskDone();
                }
            }
        }

        IEnumerable<Future> Main()
        {
            queue.TryPut(1);
            Future[] workers = [Coroutine.Start(Worker()), Coroutine.Start(Worker()), Coroutine.Start(Worker())];
            yield return queue.Join();
            foreach (Future worker in workers)
            {
                worker.Cancel();
            }
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal(Enumerable.Range(1, 15), processed.Order());
    }

    [Fact]
    public void A_getter_callback_that_marks_its_item_done_at_once_completes_join()
    {
        var queue = new FutureQueue<int>();
        Future<int> get = queue.Get();
        get.AddDoneCallback(_ => queue.TaskDone()); // runs inside TryPut, before it returns

        Assert.True(queue.TryPut(1));

        Assert.Equal(0, queue.UnfinishedTasks);
        Assert.True(queue.Join().IsDone);
    }

    [Fact]
    public void TaskDone_called_more_times_than_items_were_put_throws()
    {
        var queue = new FutureQueue<int>();
        queue.TryPut(1);
        queue.TaskDone();

        var error = Assert.Throws<InvalidOperationException>(queue.TaskDone);
        Assert.Contains("TaskDone", error.Message);
    }

    [Fact]
    public void Negative_max_size_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FutureQueue<int>(-1));
    }
}

using System.Collections;

namespace Coro.Tests.Sync;

/// <summary>The LIFO and priority queues: their order, and the members they share with FutureQueue.</summary>
public class QueueOrderTests
{
    [Fact]
    public void A_lifo_queue_gives_the_newest_item_first()
    {
        var queue = new FutureLifoQueue<int>();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            queue.TryPut(1);
            queue.TryPut(2);
            queue.TryPut(3);
            var taken = new List<int>();
            for (int i = 0; i < 3; i++)
            {
                Future<int> next = queue.Get();
                yield return next;
                taken.Add(next.Result);
            }

            Assert.Equal([3, 2, 1], taken);
        }
    }

    [Fact]
    public void A_get_from_a_full_lifo_queue_receives_the_waiting_putters_item()
    {
        var queue = new FutureLifoQueue<string>(maxSize: 2);

        Virtual.Run(Body);

        IEnumerable Body()
        {
            queue.TryPut("a");
            queue.TryPut("b");
            Future put = queue.Put("c");
            Assert.False(put.IsDone);
            Assert.True(queue.TryGet(out string? item));
            Assert.Equal("c", item); // let in first, then taken as the newest (Tornado's order)
            Assert.True(put.IsDone);
            yield return put;
            Assert.Equal(2, queue.Count);
        }
    }

    [Fact]
    public void A_priority_queue_gives_the_lowest_priority_first_and_equal_priorities_in_the_order_put()
    {
        var queue = new FuturePriorityQueue<string, int>();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            queue.TryPut("low-1", 5);
            queue.TryPut("high", 0);
            queue.TryPut("low-2", 5);
            queue.TryPut("mid", 3);
            queue.TryPut("low-3", 5);
            var taken = new List<string>();
            while (queue.TryGet(out string? item))
            {
                taken.Add(item);
            }

            Assert.Equal(["high", "mid", "low-1", "low-2", "low-3"], taken);
            yield break;
        }
    }

    [Fact]
    public void A_priority_queue_item_given_back_by_a_cancelled_getter_returns_to_its_place()
    {
        var queue = new FuturePriorityQueue<string, int>();
        var taken = new List<string>();

        Virtual.Run(Body);

        Assert.Equal(["b", "a", "c"], taken); // the getter never resumed to take "a" for itself

        IEnumerable Body()
        {
            Future getter = Coroutine.Start(TakeOne());
            queue.TryPut("a", 1);
            getter.Cancel(); // "a" was handed to it, but it never resumed to read it
            queue.TryPut("c", 1);
            queue.TryPut("b", 0);

            // "a" is back before "c" (it was put first), after "b" (lower priority).
            while (queue.TryGet(out string? item))
            {
                taken.Add(item);
            }

            yield break;
        }

        IEnumerable TakeOne()
        {
            yield return queue.Get();
            taken.Add("resumed");
        }
    }

    [Fact]
    public void Every_queue_throws_when_TaskDone_is_called_more_times_than_items_were_put()
    {
        var fifo = new FutureQueue<int>();
        var lifo = new FutureLifoQueue<int>();
        var priority = new FuturePriorityQueue<int, int>();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            fifo.TryPut(1);
            lifo.TryPut(1);
            priority.TryPut(1, 1);
            fifo.TaskDone();
            lifo.TaskDone();
            priority.TaskDone();
            Assert.Contains("FutureQueue.TaskDone", Assert.Throws<InvalidOperationException>(fifo.TaskDone).Message);
            Assert.Contains("FutureLifoQueue.TaskDone", Assert.Throws<InvalidOperationException>(lifo.TaskDone).Message);
            Assert.Contains("FuturePriorityQueue.TaskDone", Assert.Throws<InvalidOperationException>(priority.TaskDone).Message);
            Assert.True(fifo.Join().IsDone && lifo.Join().IsDone && priority.Join().IsDone);
            yield break;
        }
    }

    [Fact]
    public void Join_completes_once_every_item_of_a_lifo_queue_is_marked_done()
    {
        var queue = new FutureLifoQueue<int>();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            queue.TryPut(1);
            queue.TryPut(2);
            Future joined = queue.Join();
            queue.TryGet(out _);
            queue.TaskDone();
            Assert.False(joined.IsDone);
            queue.TryGet(out _);
            queue.TaskDone();
            yield return joined;
        }
    }
}

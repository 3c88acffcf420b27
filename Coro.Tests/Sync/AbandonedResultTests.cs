using System.Collections;
using Coro.Tests.Runtime;

namespace Coro.Tests.Sync;

/// <summary>A coroutine cancelled after its get or acquire succeeded, but before it resumed to read
/// the result, must not take the item or permit with it.</summary>
public class AbandonedResultTests
{
    [Fact]
    public void An_item_handed_to_a_cancelled_getter_goes_back_to_the_front_of_the_queue()
    {
        var queue = new FutureQueue<string>();
        var consumed = new List<string>();

        Loop.Run(() => Main());

        Assert.Empty(consumed);
        Assert.True(queue.TryGet(out string? first));
        Assert.Equal("first", first);
        Assert.True(queue.TryGet(out string? second));
        Assert.Equal("second", second);

        IEnumerable Main()
        {
            Future consumer = Coroutine.Start(Consume());
            yield return Coroutine.Moment; // the consumer now waits in Get

            queue.Put("first");            // handed to the waiting getter; its resume is queued
            queue.Put("second");
            consumer.Cancel();             // cancelled before it resumed
            yield return Coroutine.Moment;
        }

        IEnumerable Consume()
        {
            Future<string> next = queue.Get();
            yield return next;
            consumed.Add(next.Result);
        }
    }

    [Fact]
    public void An_item_handed_to_a_cancelled_getter_goes_to_the_next_waiting_getter()
    {
        var queue = new FutureQueue<int>();
        var consumed = new List<int>();

        Loop.Run(() => Main());

        Assert.Equal([7], consumed);

        IEnumerable Main()
        {
            Future doomed = Coroutine.Start(Consume());
            Future survivor = Coroutine.Start(Consume());
            yield return Coroutine.Moment;

            queue.Put(7);
            doomed.Cancel();
            yield return survivor;
        }

        IEnumerable Consume()
        {
            Future<int> next = queue.Get();
            yield return next;
            consumed.Add(next.Result);
        }
    }

    [Fact]
    public void A_permit_granted_to_a_cancelled_acquirer_is_released()
    {
        var semaphore = new FutureSemaphore(1);

        Loop.Run(() => Main());

        Assert.Equal(1, semaphore.Available);

        IEnumerable Main()
        {
            Assert.True(semaphore.TryAcquire());
            Future waiter = Coroutine.Start(Hold());
            yield return Coroutine.Moment;

            semaphore.Release();           // granted to the waiter; its resume is queued
            waiter.Cancel();
            yield return Coroutine.Moment;
        }

        IEnumerable Hold()
        {
            Future<IDisposable> permit = semaphore.Acquire();
            yield return permit;
            yield return new Future(); // holds it forever
        }
    }
}

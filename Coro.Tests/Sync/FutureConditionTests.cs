using System.Collections;

namespace Coro.Tests.Sync;

public class FutureConditionTests
{
    [Fact]
    public void Notify_wakes_the_longest_waiters_in_order_with_true_and_the_rest_keep_waiting()
    {
        var condition = new FutureCondition();
        var woken = new List<int>();

        Virtual.Run(Body);

        Assert.Equal([0, 1, 2, 3], woken);

        IEnumerable Body()
        {
            var waits = new List<Future<bool>>();
            for (int i = 0; i < 4; i++)
            {
                int index = i;
                Future<bool> wait = condition.Wait();
                wait.AddDoneCallback(_ => woken.Add(index));
                waits.Add(wait);
            }

            condition.Notify();
            condition.Notify(2);
            yield return Future.All(waits.Take(3));
            Assert.All(waits.Take(3), wait => Assert.True(wait.Result));
            Assert.False(waits[3].IsDone);
            Assert.Equal(1, condition.WaitingCount);
            condition.NotifyAll();
            yield return waits[3];
        }
    }

    [Fact]
    public void A_wait_whose_timeout_passes_completes_with_false_and_does_not_count_towards_notify()
    {
        var condition = new FutureCondition();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            Future<bool> impatient = condition.Wait(Virtual.Seconds(1));
            Future<bool> patient = condition.Wait();
            yield return Coroutine.Sleep(Virtual.Seconds(2));
            Assert.True(impatient.IsDone);
            Assert.False(impatient.Result);
            Assert.Equal(1, condition.WaitingCount); // the timed-out waiter left at once

            condition.Notify(1);
            yield return patient;
            Assert.True(patient.Result);
        }
    }

    [Fact]
    public void A_cancelled_wait_leaves_the_line_at_once_and_notify_skips_it()
    {
        var condition = new FutureCondition();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            Future<bool> cancelled = condition.Wait();
            Future<bool> next = condition.Wait();
            cancelled.Cancel();
            Assert.Equal(1, condition.WaitingCount);
            condition.Notify();
            yield return next;
            Assert.True(next.Result);
            Assert.True(cancelled.IsCanceled);
        }
    }

    [Fact]
    public void NotifyAll_wakes_only_those_waiting_when_it_was_called()
    {
        var condition = new FutureCondition();
        Future<bool>? again = null;

        Virtual.Run(Body);

        IEnumerable Body()
        {
            Future<bool> first = condition.Wait();
            first.AddDoneCallback(_ => again = condition.Wait()); // waits anew while being woken
            condition.NotifyAll();
            yield return first;
            Assert.NotNull(again);
            Assert.False(again!.IsDone);
            condition.NotifyAll();
            yield return again;
        }
    }

    [Fact]
    public void Notify_with_a_negative_count_throws()
    {
        var condition = new FutureCondition();
        Assert.Throws<ArgumentOutOfRangeException>(() => condition.Notify(-1));
    }
}

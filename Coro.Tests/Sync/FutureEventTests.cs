using Coro;

namespace Coro.Tests.Sync;

public class FutureEventTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Set_wakes_every_waiter_in_the_order_they_waited()
    {
        var ready = new FutureEvent();
        var woke = new List<int>();

        IEnumerable<Future> Waiter(int id)
        {
            yield return ready.Wait();
            woke.Add(id);
        }

        IEnumerable<Future> Main()
        {
            Future[] waiters = [.. Enumerable.Range(0, 4).Select(id => Coroutine.Start(Waiter(id)))];
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(5));
            Assert.Empty(woke);
            ready.Set();
            yield return Future.All(waiters);
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal([0, 1, 2, 3], woke);
    }

    [Fact]
    public void Wait_completes_at_once_while_set_and_waits_again_after_clear()
    {
        var flag = new FutureEvent();
        Assert.False(flag.IsSet);
        flag.Set();
        Assert.True(flag.IsSet);
        Assert.True(flag.Wait().IsDone);

        flag.Clear();
        Future wait = flag.Wait();
        Assert.False(wait.IsDone);
        flag.Set();
        Assert.True(wait.IsDone);
    }

    [Fact]
    public void A_cancelled_wait_stays_cancelled_when_the_event_is_set()
    {
        var flag = new FutureEvent();
        Future cancelled = flag.Wait();
        Future kept = flag.Wait();
        cancelled.Cancel();

        flag.Set();

        Assert.True(cancelled.IsCanceled);
        Assert.True(kept.IsDone);
        Assert.False(kept.IsCanceled);
    }

    [Fact]
    public void A_wait_with_a_timeout_faults_when_the_event_is_not_set_in_time()
    {
        var flag = new FutureEvent();
        Future? wait = null;

        IEnumerable<Future> Main()
        {
            wait = flag.Wait().WithTimeout(TimeSpan.FromMilliseconds(10));
            yield return wait.Settled();
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.IsType<TimeoutException>(wait!.Exception);
    }
}

using Coro;

namespace Coro.Tests.Sync;

public class FutureSemaphoreTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void At_most_limit_coroutines_hold_a_permit_at_once()
    {
        var semaphore = new FutureSemaphore(3);
        int inside = 0;
        int peak = 0;

        IEnumerable<Future> Work(int delay)
        {
            Future<IDisposable> permit = semaphore.Acquire();
            yield return permit;
            using (permit.Result)
            {
                peak = Math.Max(peak, ++inside);
                yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(delay));
                inside--;
            }
        }

        EventLoop.Run(() => Future.All(Enumerable.Range(0, 12).Select(i => Coroutine.Start(Work(1 + (i % 4))))), TestTimeout);
        Assert.Equal(3, peak);
        Assert.Equal(3, semaphore.Available);
    }

    [Fact]
    public void Waiters_are_served_in_the_order_they_asked()
    {
        var semaphore = new FutureSemaphore(1);
        var order = new List<int>();

        IEnumerable<Future> Work(int id)
        {
            Future<IDisposable> permit = semaphore.Acquire();
            yield return permit;
            using (permit.Result)
            {
                order.Add(id);
                yield return Coroutine.Moment;
            }
        }

        EventLoop.Run(() => Future.All(Enumerable.Range(0, 6).Select(id => Coroutine.Start(Work(id)))), TestTimeout);
        Assert.Equal([0, 1, 2, 3, 4, 5], order);
    }

    [Fact]
    public void A_cancelled_waiter_never_holds_a_permit()
    {
        var semaphore = new FutureSemaphore(1);
        Assert.True(semaphore.TryAcquire());
        Future<IDisposable> cancelled = semaphore.Acquire();
        Future<IDisposable> next = semaphore.Acquire();
        Assert.Equal(2, semaphore.WaitingCount);

        cancelled.Cancel();
        Assert.Equal(1, semaphore.WaitingCount);
        semaphore.Release();

        Assert.True(cancelled.IsCanceled);
        Assert.True(next.IsDone);
        Assert.Equal(0, semaphore.Available);
        next.Result.Dispose();
        Assert.Equal(1, semaphore.Available);
    }

    [Fact]
    public void A_cancelled_coroutine_waiting_for_a_permit_leaves_the_line()
    {
        var semaphore = new FutureSemaphore(1);
        var got = new List<string>();

        IEnumerable<Future> Work(string name)
        {
            Future<IDisposable> permit = semaphore.Acquire();
            yield return permit;
            using (permit.Result)
            {
                got.Add(name);
            }
        }

        IEnumerable<Future> Main()
        {
            Assert.True(semaphore.TryAcquire());
            Future doomed = Coroutine.Start(Work("doomed"));
            Future survivor = Coroutine.Start(Work("survivor"));
            doomed.Cancel();
            semaphore.Release();
            yield return survivor;
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
        Assert.Equal(["survivor"], got);
        Assert.Equal(1, semaphore.Available);
    }

    [Fact]
    public void Releasing_more_than_acquired_throws()
    {
        var semaphore = new FutureSemaphore(2);
        var error = Assert.Throws<InvalidOperationException>(semaphore.Release);
        Assert.Contains("released too many times", error.Message);

        IDisposable permit = semaphore.Acquire().Result;
        permit.Dispose();
        permit.Dispose(); // a permit gives itself back once
        Assert.Equal(2, semaphore.Available);
        Assert.Throws<InvalidOperationException>(semaphore.Release);
    }

    [Fact]
    public void TryAcquire_does_not_jump_the_line()
    {
        var semaphore = new FutureSemaphore(1);
        semaphore.TryAcquire();
        Future<IDisposable> waiter = semaphore.Acquire();
        semaphore.Release();

        Assert.True(waiter.IsDone);
        Assert.False(semaphore.TryAcquire());
    }

    [Fact]
    public void Negative_limit_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FutureSemaphore(-1));
    }
}

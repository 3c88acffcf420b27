using Coro;

namespace Coro.Tests.Sync;

public class FutureLockTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Only_one_coroutine_holds_the_lock_even_across_yields()
    {
        var gate = new FutureLock();
        var log = new List<string>();

        IEnumerable<Future> Critical(string name)
        {
            Future<IDisposable> held = gate.Acquire();
            yield return held;
            using (held.Result)
            {
                log.Add(name + " in");
                yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(5));
                log.Add(name + " out");
            }
        }

        EventLoop.Run(() => Future.All(Coroutine.Start(Critical("a")), Coroutine.Start(Critical("b")), Coroutine.Start(Critical("c"))), TestTimeout);
        Assert.Equal(["a in", "a out", "b in", "b out", "c in", "c out"], log);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public void Waiters_get_the_lock_in_the_order_they_asked()
    {
        var gate = new FutureLock();
        Assert.True(gate.TryAcquire());
        Future<IDisposable>[] waiters = [gate.Acquire(), gate.Acquire(), gate.Acquire()];

        gate.Release();
        Assert.Equal([true, false, false], waiters.Select(w => w.IsDone));
        waiters[0].Result.Dispose();
        Assert.Equal([true, true, false], waiters.Select(w => w.IsDone));
        waiters[1].Result.Dispose();
        Assert.True(waiters[2].IsDone);
        waiters[2].Result.Dispose();
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public void A_cancelled_waiter_is_skipped()
    {
        var gate = new FutureLock();
        Future<IDisposable> holder = gate.Acquire();
        Future<IDisposable> cancelled = gate.Acquire();
        Future<IDisposable> next = gate.Acquire();

        cancelled.Cancel();
        holder.Result.Dispose();

        Assert.True(cancelled.IsCanceled);
        Assert.True(next.IsDone);
        Assert.True(gate.IsHeld);
    }

    [Fact]
    public void A_waiter_that_times_out_is_skipped()
    {
        var gate = new FutureLock();

        IEnumerable<Future> Main()
        {
            Future<IDisposable> holder = gate.Acquire();
            Future timedOut = gate.Acquire().WithTimeout(TimeSpan.FromMilliseconds(10));
            yield return timedOut.Settled();
            Assert.IsType<TimeoutException>(timedOut.Exception);
            holder.Result.Dispose();
            Assert.False(gate.IsHeld);
        }

        EventLoop.Run(() => Coroutine.Start(Main()), TestTimeout);
    }

    [Fact]
    public void Disposing_the_scope_twice_unlocks_once()
    {
        var gate = new FutureLock();
        IDisposable first = gate.Acquire().Result;
        Future<IDisposable> second = gate.Acquire();

        first.Dispose();
        first.Dispose();

        Assert.True(second.IsDone);
        Assert.True(gate.IsHeld);
    }

    [Fact]
    public void Releasing_a_lock_nobody_holds_throws()
    {
        var gate = new FutureLock();
        Assert.Throws<InvalidOperationException>(gate.Release);
        gate.TryAcquire();
        gate.Release();
        Assert.Throws<InvalidOperationException>(gate.Release);
    }
}

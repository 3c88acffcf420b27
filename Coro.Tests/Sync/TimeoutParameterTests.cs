using System.Collections;

namespace Coro.Tests.Sync;

/// <summary>
/// The timeout every wait takes: on timeout the future faults with TimeoutException and the
/// request is withdrawn (nothing taken, nothing added), and the waiter has left its line at once.
/// </summary>
public class TimeoutParameterTests
{
    private static readonly TimeSpan OneSecond = Virtual.Seconds(1);

    [Fact]
    public void Each_wait_faults_with_TimeoutException_when_its_timeout_passes()
    {
        var gate = new FutureEvent();
        var held = new FutureLock();
        var semaphore = new FutureSemaphore(0);
        var empty = new FutureQueue<int>();
        var full = new FutureQueue<int>(maxSize: 1);
        var busy = new FutureQueue<int>();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            held.TryAcquire();
            full.TryPut(1);
            busy.TryPut(1);
            Future[] waits =
            [
                gate.Wait(OneSecond),
                held.Acquire(OneSecond),
                semaphore.Acquire(OneSecond),
                empty.Get(OneSecond),
                full.Put(2, OneSecond),
                busy.Join(OneSecond),
            ];
            yield return Coroutine.Sleep(Virtual.Seconds(0.5));
            Assert.All(waits, wait => Assert.False(wait.IsDone));
            yield return Future.All(waits.Select(wait => wait.Settled()));
            Assert.All(waits, wait => Assert.IsType<TimeoutException>(wait.Exception));
        }
    }

    [Fact]
    public void A_timed_out_get_takes_nothing_and_a_timed_out_put_adds_nothing()
    {
        var queue = new FutureQueue<string>(maxSize: 1);

        Virtual.Run(Body);

        IEnumerable Body()
        {
            Future<string> get = queue.Get(OneSecond);
            yield return get.Settled();
            Assert.True(get.IsFaulted);
            queue.TryPut("first");
            Assert.Equal(1, queue.Count); // the item stays: the timed-out get is not in the line

            Future put = queue.Put("second", OneSecond);
            yield return put.Settled();
            Assert.True(put.IsFaulted);
            Assert.True(queue.TryGet(out string? item));
            Assert.Equal("first", item);
            Assert.False(queue.TryGet(out _)); // "second" was never added
            Assert.Equal(1, queue.UnfinishedTasks);
        }
    }

    [Fact]
    public void A_timed_out_acquire_takes_no_permit_and_the_next_waiter_gets_it()
    {
        var semaphore = new FutureSemaphore(1);

        Virtual.Run(Body);

        IEnumerable Body()
        {
            semaphore.TryAcquire();
            Future<IDisposable> impatient = semaphore.Acquire(OneSecond);
            Future<IDisposable> patient = semaphore.Acquire();
            yield return Coroutine.Sleep(Virtual.Seconds(2));
            Assert.True(impatient.IsFaulted);
            Assert.Equal(1, semaphore.WaitingCount);
            semaphore.Release();
            yield return patient;
            Assert.Equal(0, semaphore.Available);
        }
    }

    [Fact]
    public void A_wait_served_before_its_timeout_succeeds_and_its_timer_never_fires()
    {
        var gate = new FutureEvent();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            Future wait = gate.Wait(OneSecond);
            gate.Set();
            yield return wait;
            yield return Coroutine.Sleep(Virtual.Seconds(2));
            Assert.False(wait.IsFaulted);
        }
    }

    [Fact]
    public void Null_and_infinite_timeouts_wait_for_ever_and_a_negative_timeout_is_refused()
    {
        var gate = new FutureEvent();

        Virtual.Run(Body);

        IEnumerable Body()
        {
            Future forever = gate.Wait(Timeout.InfiniteTimeSpan);
            Future unbounded = gate.Wait(null);
            yield return Coroutine.Sleep(TimeSpan.FromHours(20));
            Assert.False(forever.IsDone || unbounded.IsDone);
            Assert.Throws<ArgumentOutOfRangeException>(() => gate.Wait(TimeSpan.FromSeconds(-2)));
            gate.Set();
        }
    }

    [Fact]
    public void A_timeout_outside_a_loop_is_refused_with_an_explanation()
    {
        var gate = new FutureEvent();

        var error = Assert.Throws<InvalidOperationException>(() => gate.Wait(OneSecond));

        Assert.Contains("no event loop", error.Message);
    }

    [Fact]
    public void A_hundred_thousand_timed_out_waiters_on_each_primitive_leave_nothing_behind()
    {
        const int Waiters = 100_000;
        var gate = new FutureEvent();
        var held = new FutureLock();
        var semaphore = new FutureSemaphore(0);
        var condition = new FutureCondition();
        var queue = new FutureQueue<int>();
        var full = new FutureQueue<int>(maxSize: 1);
        int timedOut = 0;
        WeakReference[] samples = [];

        Virtual.Run(Body);
        samples = Collected(samples);

        Assert.Equal(6 * Waiters, timedOut);
        Assert.All(samples, sample => Assert.False(sample.IsAlive));
        Assert.Equal(0, semaphore.WaitingCount);
        Assert.Equal(0, condition.WaitingCount);

        IEnumerable Body()
        {
            held.TryAcquire();
            full.TryPut(0);
            samples = StartWaiters();
            yield return Coroutine.Sleep(Virtual.Seconds(2));

            // The lines are empty: what comes now is served at once, not after 100,000 stale waiters.
            held.Release();
            Assert.True(held.Acquire().IsDone);
            gate.Set();
            queue.TryPut(1);
            Assert.Equal(1, queue.Count);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        WeakReference[] StartWaiters()
        {
            var kept = new List<WeakReference>();
            for (int i = 0; i < Waiters; i++)
            {
                Future[] waits =
                [
                    gate.Wait(OneSecond), held.Acquire(OneSecond), semaphore.Acquire(OneSecond),
                    condition.Wait(OneSecond), queue.Get(OneSecond), full.Put(i, OneSecond),
                ];
                foreach (Future wait in waits)
                {
                    wait.AddDoneCallback(done => timedOut += done.IsFaulted || done is Future<bool> { Result: false } ? 1 : 0);
                    if (i % 1000 == 0)
                    {
                        kept.Add(new WeakReference(wait));
                    }
                }
            }

            return [.. kept];
        }
    }

    /// <summary>Collects until the samples are gone, at most a few times; returns them for the asserts.</summary>
    private static WeakReference[] Collected(WeakReference[] samples)
    {
        int before = GC.CollectionCount(2);
        for (int i = 0; i < 5 && samples.Any(sample => sample.IsAlive); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(GC.CollectionCount(2) > before, "a full collection ran");
        return samples;
    }
}

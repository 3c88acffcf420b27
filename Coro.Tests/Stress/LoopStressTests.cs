using System.Collections;
using Coro.Tests.Runtime;

namespace Coro.Tests.Stress;

public class LoopStressTests
{
    [Fact]
    public void Eight_threads_posting_a_million_callbacks_lose_none_and_keep_each_threads_order()
    {
        const int Threads = 8;
        const int PerThread = 125_000;
        var next = new int[Threads];
        int outOfOrder = 0;
        int ran = 0;

        EventLoop.Run(
            () =>
            {
                EventLoop loop = EventLoop.Current!;
                var done = new Future();
                using var start = new Barrier(Threads);
                for (int t = 0; t < Threads; t++)
                {
                    int thread = t;
                    new Thread(() =>
                    {
                        start.SignalAndWait();
                        for (int i = 0; i < PerThread; i++)
                        {
                            int sequence = i;
                            loop.Post(() =>
                            {
                                outOfOrder += next[thread] == sequence ? 0 : 1;
                                next[thread] = sequence + 1;
                                if (++ran == Threads * PerThread)
                                {
                                    done.SetResult();
                                }
                            });
                        }
                    }).Start();
                }

                return done;
            },
            Loop.Timeout);

        Assert.Equal(Threads * PerThread, ran);
        Assert.Equal(0, outOfOrder);
    }

    [Fact]
    public void A_hundred_thousand_timers_with_random_deadlines_fire_in_deadline_order_and_cancelled_ones_never()
    {
        const int Timers = 100_000;
        var random = new Random(20261126);
        var targets = new int[Timers];
        var cancelled = new bool[Timers];
        var late = new bool[Timers];
        var fired = new List<int>(Timers);

        Loop.Run(() => Body());

        // Deadlines are whole milliseconds after one common start, so they must come out sorted
        // (but for any timer set after its target had passed, on a very slow machine: it is due at once).
        Assert.Equal(Enumerable.Range(0, Timers).Where(i => !cancelled[i]).Order(), fired.Order());
        int[] onTime = [.. fired.Where(i => !late[i])];
        for (int i = 1; i < onTime.Length; i++)
        {
            Assert.True(targets[onTime[i - 1]] <= targets[onTime[i]], $"timer {onTime[i]} at {targets[onTime[i]]} ms fired after one at {targets[onTime[i - 1]]} ms");
        }

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            var handles = new IDisposable[Timers];
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (int i = 0; i < Timers; i++)
            {
                int timer = i;
                targets[i] = random.Next(1000, 1200);

                // Setting 100,000 timers takes a while: aim each at its target after the common start.
                TimeSpan delay = TimeSpan.FromMilliseconds(targets[i]) - clock.Elapsed;
                late[i] = delay <= TimeSpan.FromMilliseconds(1);
                handles[i] = loop.CallLater(delay, () => fired.Add(timer));
            }

            for (int i = 0; i < Timers; i++)
            {
                if (random.Next(4) == 0)
                {
                    cancelled[i] = true;
                    handles[i].Dispose();
                }
            }

            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(1300) - clock.Elapsed);
        }
    }
}

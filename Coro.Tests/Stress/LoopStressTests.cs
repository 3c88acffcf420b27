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

        // Outlives the loop's main (which returns while the threads still wait on it): disposed
        // only once every thread has ended.
        using var start = new Barrier(Threads);
        var posters = new Thread[Threads];
        EventLoop.Run(
            () =>
            {
                EventLoop loop = EventLoop.Current!;
                var done = new Future();
                for (int t = 0; t < Threads; t++)
                {
                    int thread = t;
                    posters[t] = new Thread(() =>
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
                    });
                    posters[t].Start();
                }

                return done;
            },
            Loop.Timeout);

        Assert.All(posters, poster => Assert.True(poster.Join(Loop.Timeout)));

        Assert.Equal(Threads * PerThread, ran);
        Assert.Equal(0, outOfOrder);
    }

    [Fact]
    public void A_hundred_thousand_timers_with_random_deadlines_fire_in_deadline_order_and_cancelled_ones_never()
    {
        const int Timers = 100_000;
        var random = new Random(20261126);
        var deadlines = new long[Timers];
        var cancelled = new bool[Timers];
        var fired = new List<int>(Timers);

        Loop.Run(() => Body());

        // Deadline order, and the order they were set in for equal deadlines.
        int[] expected = [.. Enumerable.Range(0, Timers).Where(i => !cancelled[i]).OrderBy(i => deadlines[i]).ThenBy(i => i)];
        Assert.Equal(expected.Length, fired.Count);
        Assert.True(expected.SequenceEqual(fired), "timers fired out of deadline order");

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            var handles = new IDisposable[Timers];
            for (int i = 0; i < Timers; i++)
            {
                int timer = i;
                handles[i] = loop.CallLater(TimeSpan.FromMilliseconds(random.Next(0, 200)), () => fired.Add(timer));
                deadlines[i] = ((TimerHandle)handles[i]).Deadline;
            }

            for (int i = 0; i < Timers; i++)
            {
                if (random.Next(4) == 0)
                {
                    cancelled[i] = true;
                    handles[i].Dispose();
                }
            }

            // Sleep past the last deadline: a timer set now is due after every one above.
            long last = deadlines.Max();
            while (System.Diagnostics.Stopwatch.GetTimestamp() <= last)
            {
                yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(50));
            }

            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(1));
        }
    }
}

using Xunit.Abstractions;
using System.Collections;
using System.Runtime.CompilerServices;
using Coro.Tests.Runtime;

namespace Coro.Tests.Stress;

[CollectionDefinition(nameof(BurstMemoryTests), DisableParallelization = true)]
public class BurstMemoryCollection;

/// <summary>
/// A long-running loop does not keep its largest burst: once the work of a burst has run, the loop's
/// queues and heaps give the memory back. Alone in their collection, so that what the heap holds is
/// this test's; each measurement is taken after a full, checked collection.
/// </summary>
[Collection(nameof(BurstMemoryTests))]
public class BurstMemoryTests(ITestOutputHelper output)
{
    private const long Slack = 2 * 1024 * 1024;

    [Fact]
    public void A_million_posts_from_other_threads_leave_the_loop_holding_what_it_held_before()
    {
        const int Posts = 1_000_000;
        var random = new Random(23); // seeded: how the posts divide among the threads
        int[] share = SplitAmong(4, Posts, random);
        int ran = 0;
        long before = 0, after = 0;

        Loop.Run(Body);

        Assert.Equal(Posts, ran);
        output.WriteLine($"kept {(after - before) / 1024} KB after {Posts} posts");
        Assert.True(after - before < Slack, $"the loop kept {(after - before) / 1024} KB after the burst ({before} -> {after} bytes)");

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            yield return Warm(loop);
            before = Measure();

            var drained = new Future();
            Action count = () =>
            {
                if (++ran == Posts)
                {
                    drained.SetResult();
                }
            };
            Thread[] posters = [.. share.Select(n => new Thread(() => { for (int i = 0; i < n; i++) loop.Post(count); }))];
            Array.ForEach(posters, poster => poster.Start());
            Array.ForEach(posters, poster => poster.Join()); // on the loop's thread: the posts pile up
            yield return drained;
            yield return null;
            after = Measure();
        }
    }

    [Fact]
    public void Half_a_million_timers_set_and_disposed_in_one_turn_leave_the_loop_holding_what_it_held_before()
    {
        const int Timers = 500_000;
        var random = new Random(29); // seeded: the timers' deadlines
        long before = 0, after = 0;

        Loop.Run(Body);

        output.WriteLine($"kept {(after - before) / 1024} KB after {Timers} timers");
        Assert.True(after - before < Slack, $"the loop kept {(after - before) / 1024} KB after the burst ({before} -> {after} bytes)");

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            yield return Warm(loop);
            before = Measure();
            SetAndDispose(loop, Timers, random);
            yield return null; // the turns that follow drop the disposed timers
            yield return null;
            after = Measure();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SetAndDispose(EventLoop loop, int timers, Random random)
    {
        var handles = new IDisposable[timers];
        for (int i = 0; i < timers; i++)
        {
            handles[i] = loop.CallLater(TimeSpan.FromMinutes(1 + random.Next(60)), static () => { });
        }

        Array.ForEach(handles, handle => handle.Dispose());
    }

    /// <summary>Some work of every kind first, so "before" includes what any loop holds once used.</summary>
    private static Future Warm(EventLoop loop)
    {
        var warm = new Future();
        for (int i = 0; i < 100; i++)
        {
            loop.CallLater(TimeSpan.FromMinutes(1), static () => { }).Dispose();
        }

        ThreadPool.QueueUserWorkItem(_ => loop.Post(() => warm.SetResult()));
        return warm;
    }

    private static long Measure()
    {
        int collections = GC.CollectionCount(2);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long bytes = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(GC.CollectionCount(2) > collections, "a full collection ran before the measurement");
        return bytes;
    }

    private static int[] SplitAmong(int threads, int total, Random random)
    {
        var shares = new int[threads];
        int left = total;
        for (int t = 0; t < threads - 1; t++)
        {
            shares[t] = random.Next(left / 4, left / 2);
            left -= shares[t];
        }

        shares[threads - 1] = left;
        return shares;
    }
}

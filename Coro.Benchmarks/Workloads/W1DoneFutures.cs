using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>W1: one coroutine yields 1,000,000 futures that are already done, freshly made or
/// one cached; its twin awaits as many completed tasks. Both on Coro's loop.</summary>
[BenchmarkCategory("W1")]
public class W1DoneFutures
{
    private const int Yields = 1_000_000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Yields)]
    public long AsyncAwait_fresh() => EventLoop.Run(() => Future.FromTask(AsyncFresh(Yields)));

    [Benchmark(OperationsPerInvoke = Yields)]
    public long Coro_fresh() => EventLoop.Run(() => Coroutine.Start<long>(CoroFresh(Yields)));

    [Benchmark(OperationsPerInvoke = Yields)]
    public long AsyncAwait_cached() => EventLoop.Run(() => Future.FromTask(AsyncCached(Yields)));

    [Benchmark(OperationsPerInvoke = Yields)]
    public long Coro_cached() => EventLoop.Run(() => Coroutine.Start<long>(CoroCached(Yields)));

    /// <summary>The floor under Coro_fresh: the same iterator, making the same futures, driven by a
    /// bare loop (<see cref="BareDriver"/>). Coro's part is the difference: <c>ratio W1-floor-fresh</c>.</summary>
    [Benchmark(OperationsPerInvoke = Yields)]
    public long Floor_fresh() => BareDriver.StepWhileDone(CoroFresh(Yields).GetEnumerator());

    /// <summary>The floor under Coro_cached: <c>ratio W1-floor</c>.</summary>
    [Benchmark(OperationsPerInvoke = Yields)]
    public long Floor_cached() => BareDriver.StepWhileDone(CoroCached(Yields).GetEnumerator());

    /// <summary>
    /// Every side of W1 runs one long loop per call, so a benchmark makes few calls: without this,
    /// the bare driver's loop stayed in its on-stack-replacement code, compiled without a measured
    /// profile, whose <c>MoveNext</c> and <c>Current</c> are interface dispatches, while the Runner,
    /// called from every workload, reached its optimized code: the floor was no floor (Coro's cached
    /// yield measured 0.6 of it). Short runs of each side first bring every one to its optimized
    /// code, compiled from its own profile, before anything is measured.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        Mixed.MixedMode.WarmIfOn();
        TierUp.Run(() =>
        {
            EventLoop.Run(() => Coroutine.Start<long>(CoroFresh(TierUp.ShortRun)));
            EventLoop.Run(() => Coroutine.Start<long>(CoroCached(TierUp.ShortRun)));
            BareDriver.StepWhileDone(CoroFresh(TierUp.ShortRun).GetEnumerator());
            BareDriver.StepWhileDone(CoroCached(TierUp.ShortRun).GetEnumerator());
            EventLoop.Run(() => Future.FromTask(AsyncFresh(TierUp.ShortRun)));
            EventLoop.Run(() => Future.FromTask(AsyncCached(TierUp.ShortRun)));
        });
    }

    private static async Task<long> AsyncFresh(int yields)
    {
        long sum = 0;
        for (int i = 0; i < yields; i++)
        {
            sum += await Task.FromResult(i);
        }

        return sum;
    }

    private static IEnumerable<Future> CoroFresh(int yields)
    {
        long sum = 0;
        for (int i = 0; i < yields; i++)
        {
            Future<int> done = Future.FromResult(i);
            yield return done;
            sum += done.Result;
        }

        yield return Coroutine.Return(sum);
    }

    private static async Task<long> AsyncCached(int yields)
    {
        long count = 0;
        for (int i = 0; i < yields; i++)
        {
            await Task.CompletedTask;
            count++;
        }

        return count;
    }

    private static IEnumerable<Future> CoroCached(int yields)
    {
        long count = 0;
        for (int i = 0; i < yields; i++)
        {
            yield return Future.Completed;
            count++;
        }

        yield return Coroutine.Return(count);
    }
}

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
    public long AsyncAwait_fresh() => EventLoop.Run(() => Future.FromTask(AsyncFresh()));

    [Benchmark(OperationsPerInvoke = Yields)]
    public long Coro_fresh() => EventLoop.Run(() => Coroutine.Start<long>(CoroFresh()));

    [Benchmark(OperationsPerInvoke = Yields)]
    public long AsyncAwait_cached() => EventLoop.Run(() => Future.FromTask(AsyncCached()));

    [Benchmark(OperationsPerInvoke = Yields)]
    public long Coro_cached() => EventLoop.Run(() => Coroutine.Start<long>(CoroCached()));

    /// <summary>The floor under Coro_fresh: the same iterator, making the same futures, driven by a
    /// bare loop (<see cref="BareDriver"/>). Coro's part is the difference: <c>ratio W1-floor-fresh</c>.</summary>
    [Benchmark(OperationsPerInvoke = Yields)]
    public long Floor_fresh() => BareDriver.StepWhileDone(CoroFresh().GetEnumerator());

    /// <summary>The floor under Coro_cached: <c>ratio W1-floor</c>.</summary>
    [Benchmark(OperationsPerInvoke = Yields)]
    public long Floor_cached() => BareDriver.StepWhileDone(CoroCached().GetEnumerator());

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    private static async Task<long> AsyncFresh()
    {
        long sum = 0;
        for (int i = 0; i < Yields; i++)
        {
            sum += await Task.FromResult(i);
        }

        return sum;
    }

    private static IEnumerable<Future> CoroFresh()
    {
        long sum = 0;
        for (int i = 0; i < Yields; i++)
        {
            Future<int> done = Future.FromResult(i);
            yield return done;
            sum += done.Result;
        }

        yield return Coroutine.Return(sum);
    }

    private static async Task<long> AsyncCached()
    {
        long count = 0;
        for (int i = 0; i < Yields; i++)
        {
            await Task.CompletedTask;
            count++;
        }

        return count;
    }

    private static IEnumerable<Future> CoroCached()
    {
        long count = 0;
        for (int i = 0; i < Yields; i++)
        {
            yield return Future.Completed;
            count++;
        }

        yield return Coroutine.Return(count);
    }
}

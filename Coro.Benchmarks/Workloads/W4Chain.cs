using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>
/// W4: a coroutine calls a coroutine 10 deep, through the generated wrappers, 100,000 times. The
/// innermost one waits for one loop turn (as a real leaf waits for I/O), so every level suspends and
/// resumes. <see cref="W4ChainInline"/> has a leaf that never waits.
/// </summary>
[BenchmarkCategory("W4")]
public partial class W4Chain
{
    private const int Chains = 100_000;
    private const int Depth = 10;

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    [Benchmark(Baseline = true, OperationsPerInvoke = Chains)]
    public int AsyncAwait() => EventLoop.Run(() => Future.FromTask(AsyncMain(leafWaits: true)));

    [Benchmark(OperationsPerInvoke = Chains)]
    public int Coro() => EventLoop.Run(() => RunChainsAsync(true));

    internal static async Task<int> AsyncMain(bool leafWaits)
    {
        int sum = 0;
        for (int i = 0; i < Chains; i++)
        {
            sum += await AsyncLevel(Depth, leafWaits);
        }

        return sum;
    }

    private static async Task<int> AsyncLevel(int depth, bool leafWaits)
    {
        if (depth == 0)
        {
            if (leafWaits)
            {
                await Task.Yield(); // one loop turn, through the loop's SynchronizationContext
            }

            return 0;
        }

        return await AsyncLevel(depth - 1, leafWaits) + 1;
    }

    [Coroutine<int>]
    internal static partial IEnumerable<Future> RunChains(bool leafWaits)
    {
        int sum = 0;
        for (int i = 0; i < Chains; i++)
        {
            Future<int> chain = LevelAsync(Depth, leafWaits);
            yield return chain;
            sum += chain.Result;
        }

        yield return Coroutine.Return(sum);
    }

    [Coroutine<int>]
    private static partial IEnumerable<Future> Level(int depth, bool leafWaits)
    {
        if (depth == 0)
        {
            if (leafWaits)
            {
                yield return Coroutine.Moment; // one loop turn
            }

            yield return Coroutine.Return(0);
            yield break;
        }

        Future<int> child = LevelAsync(depth - 1, leafWaits);
        yield return child;
        yield return Coroutine.Return(child.Result + 1);
    }
}

/// <summary>
/// W4 with a leaf that never waits: the whole chain completes inline, which measures the wrapper's
/// inline first step against an async method's synchronous path (<c>ratio W4-inline</c>, and the
/// bytes per level). <see cref="Iterator_floor"/> is the same chain of iterators driven by hand,
/// with no Runner: what the iterators and their <c>Coroutine.Return</c> futures cost by themselves.
/// </summary>
[BenchmarkCategory("W4-inline")]
public class W4ChainInline
{
    /// <summary>Coroutines per chain: the caller and 10 levels.</summary>
    internal const int CoroutinesPerChain = Depth + 1;

    private const int Chains = 100_000;
    private const int Depth = 10;

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    [Benchmark(Baseline = true, OperationsPerInvoke = Chains)]
    public int AsyncAwait() => EventLoop.Run(() => Future.FromTask(W4Chain.AsyncMain(leafWaits: false)));

    [Benchmark(OperationsPerInvoke = Chains)]
    public int Coro() => EventLoop.Run(() => W4Chain.RunChainsAsync(false));

    [Benchmark(OperationsPerInvoke = Chains)]
    public int Iterator_floor()
    {
        int sum = 0;
        for (int i = 0; i < Chains; i++)
        {
            sum += BareDriver.RunToReturn(BareLevel(Depth).GetEnumerator());
        }

        return sum;
    }

    private static IEnumerable<Future> BareLevel(int depth)
    {
        if (depth == 0)
        {
            yield return Coroutine.Return(0);
            yield break;
        }

        // The same two steps as W4Chain.Level's: one that waits for the child (done here, as the
        // chain is inline), one that returns.
        int child = BareDriver.RunToReturn(BareLevel(depth - 1).GetEnumerator());
        yield return Future.Completed;
        yield return Coroutine.Return(child + 1);
    }
}

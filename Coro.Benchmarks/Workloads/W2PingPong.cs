using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>W2: 200,000 round trips through the loop: the body waits on a future that a callback
/// posted to the loop completes. The twin awaits a TaskCompletionSource completed the same way.</summary>
[BenchmarkCategory("W2")]
public class W2PingPong
{
    internal const int RoundTrips = 200_000;

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public int AsyncAwait() => EventLoop.Run(() => Future.FromTask(AsyncBody()));

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public int Coro() => EventLoop.Run(() => Coroutine.Start<int>(CoroBody()));

    private static async Task<int> AsyncBody()
    {
        EventLoop loop = EventLoop.Current!;
        int i = 0;
        for (; i < RoundTrips; i++)
        {
            var pong = new TaskCompletionSource();
            loop.Post(() => pong.SetResult());
            await pong.Task;
        }

        return i;
    }

    /// <summary>The Coro side, shared with <see cref="W2Watchdog"/>.</summary>
    internal static IEnumerable<Future> CoroBody()
    {
        EventLoop loop = EventLoop.Current!;
        int i = 0;
        for (; i < RoundTrips; i++)
        {
            var pong = new Future();
            loop.Post(() => pong.SetResult());
            yield return pong;
        }

        yield return Coroutine.Return(i);
    }
}

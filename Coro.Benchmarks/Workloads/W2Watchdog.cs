using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>W2's Coro round trips with the loop's watchdog off and on (a threshold no step reaches,
/// so this is the cost of watching, not of reporting). Not a ratio line: read the Ratio column.</summary>
[BenchmarkCategory("W2-watchdog")]
public class W2Watchdog
{
    private const int RoundTrips = 200_000;

    private static readonly EventLoopOptions s_off = new();
    private static readonly EventLoopOptions s_on = new() { SlowStepThreshold = TimeSpan.FromSeconds(10), SlowStep = _ => { } };

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public int Watchdog_off() => EventLoop.Run(() => Coroutine.Start<int>(Body()), s_off);

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public int Watchdog_on() => EventLoop.Run(() => Coroutine.Start<int>(Body()), s_on);

    private static IEnumerable<Future> Body()
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

using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>W2's Coro round trips with the loop's watchdog off and on (a threshold no step reaches,
/// so this is the cost of watching, not of reporting). Not a ratio line: read the Ratio column.</summary>
[BenchmarkCategory("W2-watchdog")]
public class W2Watchdog
{
    private const int RoundTrips = W2PingPong.RoundTrips;

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    private static readonly EventLoopOptions s_off = new();
    private static readonly EventLoopOptions s_on = new() { SlowStepThreshold = TimeSpan.FromSeconds(10), SlowStep = _ => { } };

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips)]
    public int Watchdog_off() => EventLoop.Run(() => Coroutine.Start<int>(W2PingPong.CoroBody()), s_off);

    [Benchmark(OperationsPerInvoke = RoundTrips)]
    public int Watchdog_on() => EventLoop.Run(() => Coroutine.Start<int>(W2PingPong.CoroBody()), s_on);
}

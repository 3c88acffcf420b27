using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>W3: 100,000 coroutines each wait on a pending future of their own; Future.All waits
/// for them all; then every future is completed. The twin does it with async methods,
/// TaskCompletionSources and Task.WhenAll.</summary>
[BenchmarkCategory("W3")]
public class W3FanOut
{
    private const int Waiters = 100_000;

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    [Benchmark(Baseline = true)]
    public int AsyncAwait() => EventLoop.Run(() => Future.FromTask(AsyncMain()));

    [Benchmark]
    public int Coro() => EventLoop.Run(() => Coroutine.Start<int>(CoroMain()));

    private static async Task<int> AsyncMain()
    {
        var signals = new TaskCompletionSource[Waiters];
        var waiters = new Task[Waiters];
        for (int i = 0; i < Waiters; i++)
        {
            signals[i] = new TaskCompletionSource();
            waiters[i] = AsyncWaiter(signals[i].Task);
        }

        Task all = Task.WhenAll(waiters);
        foreach (TaskCompletionSource signal in signals)
        {
            signal.SetResult();
        }

        await all;
        return waiters.Length;
    }

    private static async Task AsyncWaiter(Task signal) => await signal;

    private static IEnumerable<Future> CoroMain()
    {
        var signals = new Future[Waiters];
        var waiters = new Future[Waiters];
        for (int i = 0; i < Waiters; i++)
        {
            signals[i] = new Future();
            waiters[i] = Coroutine.Start(CoroWaiter(signals[i]));
        }

        Future all = Future.All(waiters);
        foreach (Future signal in signals)
        {
            signal.SetResult();
        }

        yield return all;
        yield return Coroutine.Return(waiters.Length);
    }

    private static IEnumerable<Future> CoroWaiter(Future signal)
    {
        yield return signal;
    }
}

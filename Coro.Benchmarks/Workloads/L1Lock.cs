using BenchmarkDotNet.Attributes;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>
/// L1: 100,000 acquisitions of a lock and of a semaphore of 4 permits by coroutines, against
/// <see cref="SemaphoreSlim.WaitAsync()"/> with async methods on the same loop. Uncontended: one
/// worker takes and gives back the lock with nothing in between. Contended: 8 workers each hold it
/// across a turn of the loop (<c>yield return Coroutine.Moment</c> / <c>await Task.Yield()</c>), so most
/// acquisitions wait in line.
/// </summary>
[BenchmarkCategory("L1")]
public class L1Lock
{
    internal const int Acquisitions = 100_000;
    private const int Workers = 8;

    [GlobalSetup]
    public void Setup() => Mixed.MixedMode.WarmIfOn();

    [Benchmark(Baseline = true, OperationsPerInvoke = Acquisitions)]
    public int SemaphoreSlim_uncontended() => EventLoop.Run(() => Future.FromTask(SlimWorker(new SemaphoreSlim(1, 1), Acquisitions, hold: false)));

    [Benchmark(OperationsPerInvoke = Acquisitions)]
    public int Coro_lock_uncontended() => EventLoop.Run(() => Coroutine.Start<int>(LockWorker(new FutureLock(), Acquisitions, hold: false)));

    [Benchmark(OperationsPerInvoke = Acquisitions)]
    public int SemaphoreSlim_contended() => EventLoop.Run(() => Future.FromTask(SlimWorkers(new SemaphoreSlim(4, 4))));

    [Benchmark(OperationsPerInvoke = Acquisitions)]
    public int Coro_semaphore_contended() => EventLoop.Run(() => Coroutine.Start<int>(SemaphoreWorkers(new FutureSemaphore(4))));

    private static async Task<int> SlimWorkers(SemaphoreSlim semaphore)
    {
        var workers = new Task<int>[Workers];
        for (int w = 0; w < Workers; w++)
        {
            workers[w] = SlimWorker(semaphore, Acquisitions / Workers, hold: true);
        }

        return (await Task.WhenAll(workers)).Sum();
    }

    private static async Task<int> SlimWorker(SemaphoreSlim semaphore, int times, bool hold)
    {
        int held = 0;
        for (int i = 0; i < times; i++)
        {
            await semaphore.WaitAsync();
            try
            {
                held++;
                if (hold)
                {
                    await Task.Yield();
                }
            }
            finally
            {
                semaphore.Release();
            }
        }

        return held;
    }

    private static IEnumerable<Future> SemaphoreWorkers(FutureSemaphore semaphore)
    {
        var workers = new Future<int>[Workers];
        for (int w = 0; w < Workers; w++)
        {
            workers[w] = Coroutine.Start<int>(SemaphoreWorker(semaphore, Acquisitions / Workers));
        }

        yield return Future.All(workers);
        yield return Coroutine.Return(workers.Sum(worker => worker.Result));
    }

    private static IEnumerable<Future> SemaphoreWorker(FutureSemaphore semaphore, int times)
    {
        int held = 0;
        for (int i = 0; i < times; i++)
        {
            Future<IDisposable> permit = semaphore.Acquire();
            yield return permit;
            using (permit.Result)
            {
                held++;
                yield return Coroutine.Moment;
            }
        }

        yield return Coroutine.Return(held);
    }

    private static IEnumerable<Future> LockWorker(FutureLock gate, int times, bool hold)
    {
        int held = 0;
        for (int i = 0; i < times; i++)
        {
            Future<IDisposable> acquired = gate.Acquire();
            yield return acquired;
            using (acquired.Result)
            {
                held++;
                if (hold)
                {
                    yield return Coroutine.Moment;
                }
            }
        }

        yield return Coroutine.Return(held);
    }
}

using System.Collections;
using System.Collections.Concurrent;
using Coro.Tests.Runtime;
using Xunit.Abstractions;

namespace Coro.Tests.Stress;

/// <summary>
/// Cancellation from other threads against everything the loop does at the same time: resumes,
/// steps, queue hand-overs, lock grants and the loop's close. The loop's side is seeded; the pool
/// threads' timing is not, so each test repeats its scenario a bounded number of times and checks
/// what must hold in every order: nothing lost, nothing duplicated, every <c>finally</c> once.
/// <c>CORO_RACE_SCALE=10</c> runs ten times the rounds.
/// </summary>
public class CancellationSoakTests(ITestOutputHelper output)
{
    private static readonly int s_scale = int.TryParse(Environment.GetEnvironmentVariable("CORO_RACE_SCALE"), out int scale) && scale > 0 ? scale : 1;

    [Fact]
    public void Queue_items_survive_consumers_cancelled_from_other_threads()
    {
        int rounds = 10 * s_scale;
        const int Items = 1_000;
        long put = 0, gotten = 0, left = 0, finallies = 0, started = 0, cancels = 0;
        for (int round = 0; round < rounds; round++)
        {
            var seen = new int[Items];
            var queue = new FutureQueue<int>(maxSize: 16);
            var consumers = new List<Future>();
            int consumerFinallies = 0, consumersStarted = 0;
            bool stopping = false;
            var random = new Random(round);

            using var cancellers = new Cancellers(seed: round);
            EventLoop.Run(() => Coroutine.Start(Main()), Loop.Timeout);
            cancels += cancellers.Join();

            Assert.All(seen, count => Assert.True(count <= 1, "an item was consumed twice"));
            int consumed = seen.Count(count => count == 1);
            Assert.Equal(Items, consumed + queue.Count);
            Assert.Equal(consumersStarted, consumerFinallies);
            put += Items;
            gotten += consumed;
            left += queue.Count;
            finallies += consumerFinallies;
            started += consumersStarted;

            IEnumerable Main()
            {
                for (int i = 0; i < 4; i++)
                {
                    StartConsumer();
                }

                for (int item = 0; item < Items; item++)
                {
                    yield return queue.Put(item);
                    if (random.Next(32) == 0)
                    {
                        cancellers.Cancel(consumers[random.Next(consumers.Count)]);
                        foreach (Future turn in cancellers.WhileRequestsPending())
                        {
                            yield return turn;
                        }
                    }

                    if (random.Next(8) == 0)
                    {
                        yield return Coroutine.Moment;
                    }
                }

                stopping = true;
                for (int turn = 0; turn < 64 && !queue.IsEmpty; turn++)
                {
                    yield return Coroutine.Moment; // the survivors drain what is left
                }
            }

            void StartConsumer()
            {
                consumersStarted++;
                Future consumer = Coroutine.Start(Consume());
                consumers.Add(consumer);
                EventLoop.Current!.AddFuture(consumer, _ =>
                {
                    consumers.Remove(consumer);
                    if (!stopping)
                    {
                        StartConsumer(); // a replacement for the one cancelled
                    }
                });
            }

            IEnumerable Consume()
            {
                try
                {
                    while (true)
                    {
                        Future<int> next = queue.Get();
                        yield return next;
                        seen[next.Result]++;
                        if (random.Next(4) == 0)
                        {
                            yield return Coroutine.Moment;
                        }
                    }
                }
                finally
                {
                    consumerFinallies++;
                }
            }
        }

        output.WriteLine($"{rounds} rounds: {put} items put, {gotten} gotten, {left} left in the queue (given back or never taken), {cancels} cancels from other threads, {finallies} of {started} consumer finally blocks ran");
        Assert.Equal(put, gotten + left);
        Assert.Equal(started, finallies);
    }

    [Fact]
    public void Locks_and_semaphores_never_leak_a_permit_to_workers_cancelled_from_other_threads()
    {
        int rounds = 10 * s_scale;
        long acquired = 0, finallies = 0, started = 0, cancels = 0;
        for (int round = 0; round < rounds; round++)
        {
            var gate = new FutureLock();
            var semaphore = new FutureSemaphore(3);
            var workers = new List<Future>();
            int insideLock = 0, insideSemaphore = 0, violations = 0, workerFinallies = 0, workersStarted = 0, acquisitions = 0;
            var random = new Random(1000 + round);

            using var cancellers = new Cancellers(seed: 1000 + round);
            EventLoop.Run(() => Coroutine.Start(Main()), Loop.Timeout);
            cancels += cancellers.Join();

            Assert.Equal(0, violations);
            Assert.False(gate.IsHeld, "the lock is held by nobody");
            Assert.Equal(3, semaphore.Available);
            Assert.Equal(workersStarted, workerFinallies);
            acquired += acquisitions;
            finallies += workerFinallies;
            started += workersStarted;

            IEnumerable Main()
            {
                for (int i = 0; i < 200; i++)
                {
                    StartWorker(i % 2 == 0); // they queue up for the lock and the semaphore
                }

                for (int i = 0; i < 60; i++)
                {
                    cancellers.Cancel(workers[random.Next(workers.Count)]);
                    foreach (Future turn in cancellers.WhileRequestsPending())
                    {
                        yield return turn;
                    }
                }

                for (int turn = 0; turn < 4096 && (gate.IsHeld || semaphore.Available < 3); turn++)
                {
                    yield return Coroutine.Moment; // the workers still running finish
                }
            }

            void StartWorker(bool useLock)
            {
                workersStarted++;
                workers.Add(Coroutine.Start(useLock ? Locked() : Limited()));
            }

            IEnumerable Locked()
            {
                try
                {
                    yield return gate.Acquire();
                    acquisitions++;
                    try
                    {
                        violations += ++insideLock == 1 ? 0 : 1;
                        yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(random.Next(0, 2)));
                        yield return Coroutine.Moment;
                    }
                    finally
                    {
                        insideLock--;
                        gate.Release();
                    }
                }
                finally
                {
                    workerFinallies++;
                }
            }

            IEnumerable Limited()
            {
                try
                {
                    Future<IDisposable> permit = semaphore.Acquire();
                    yield return permit;
                    acquisitions++;
                    using (permit.Result)
                    {
                        violations += ++insideSemaphore <= 3 ? 0 : 1;
                        try
                        {
                            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(random.Next(0, 3)));
                            yield return Coroutine.Moment;
                        }
                        finally
                        {
                            insideSemaphore--;
                        }
                    }
                }
                finally
                {
                    workerFinallies++;
                }
            }
        }

        output.WriteLine($"{rounds} rounds: {acquired} permits taken and all given back, {cancels} cancels from other threads, {finallies} of {started} worker finally blocks ran");
        Assert.Equal(started, finallies);
    }

    [Fact]
    public void Every_finally_runs_once_when_main_is_cancelled_from_another_thread_as_the_loop_stops()
    {
        int waves = 300 * s_scale;
        long finallies = 0, expected = 0, cancelledMains = 0;
        for (int wave = 0; wave < waves; wave++)
        {
            const int Children = 8;
            var runs = new int[Children];
            var random = new Random(wave);
            int[] sleeps = [.. Enumerable.Range(0, Children).Select(_ => random.Next(0, 3))];
            Future? main = null;
            int cancelAfterSpins = random.Next(0, 2_000);
            Thread? canceller = null;

            Exception? ending = Record.Exception(() => EventLoop.Run(
                () =>
                {
                    main = Future.All(Enumerable.Range(0, Children).Select(i => Coroutine.Start(Child(i))));
                    Future target = main;
                    canceller = StartThread(() =>
                    {
                        Thread.SpinWait(cancelAfterSpins);
                        target.Cancel();
                    });
                    return main;
                },
                Loop.Timeout));
            canceller!.Join();

            Assert.True(ending is null or OperationCanceledException, $"wave {wave}: {ending}");
            Assert.All(runs, count => Assert.Equal(1, count));
            finallies += runs.Sum();
            expected += Children;
            cancelledMains += main!.IsCanceled ? 1 : 0;

            IEnumerable Child(int index)
            {
                try
                {
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(sleeps[index]));
                    yield return Coroutine.Moment;
                }
                finally
                {
                    runs[index]++;
                }
            }
        }

        output.WriteLine($"{waves} waves: {cancelledMains} mains cancelled from another thread, {finallies} of {expected} finally blocks ran");
        Assert.Equal(expected, finallies);
    }

    [Fact]
    public void Completing_coroutines_from_other_threads_throws_and_their_bodies_run_to_their_end()
    {
        // Only its body or Cancel() ends a coroutine: TrySetResult from other threads, racing with
        // the queue that hands the workers their items, throws every time and changes nothing.
        int rounds = 20 * s_scale;
        const int Workers = 200;
        long finallies = 0, started = 0, attempts = 0, refused = 0, itemsPut = 0, itemsGotten = 0;
        for (int round = 0; round < rounds; round++)
        {
            var queue = new FutureQueue<int>();
            var futures = new Future<int>[Workers];
            int workerFinallies = 0, gotten = 0, roundRefused = 0, roundAttempts = 0;
            var random = new Random(2000 + round);
            Thread[] completers = [];

            EventLoop.Run(() => Coroutine.Start(Main()), Loop.Timeout);
            Assert.Equal(Workers, workerFinallies);
            Assert.Equal(Workers, gotten);
            Assert.Equal(0, queue.Count);
            Assert.All(futures, future => Assert.True(future.Result >= 0, "a coroutine ended with a result set from outside"));
            Assert.Equal(roundAttempts, roundRefused);
            finallies += workerFinallies;
            started += Workers;
            attempts += roundAttempts;
            refused += roundRefused;
            itemsPut += Workers;
            itemsGotten += gotten;

            IEnumerable Main()
            {
                for (int i = 0; i < Workers; i++)
                {
                    futures[i] = Coroutine.Start<int>(Worker());
                }

                completers = [.. Enumerable.Range(0, 2).Select(t => StartThread(() =>
                {
                    var mine = new Random(round * 7 + t);
                    for (int i = t; i < Workers; i += 4) // half the workers
                    {
                        Thread.SpinWait(mine.Next(0, 500));
                        Interlocked.Increment(ref roundAttempts);
                        try
                        {
                            futures[i].TrySetResult(-1);
                        }
                        catch (InvalidOperationException)
                        {
                            Interlocked.Increment(ref roundRefused);
                        }
                    }
                }))];

                for (int item = 0; item < Workers; item++)
                {
                    queue.Put(item);
                    if (random.Next(4) == 0)
                    {
                        yield return Coroutine.Moment;
                    }
                }

                yield return Future.All(futures); // each ends by its body
                Assert.All(completers, completer => Assert.True(completer.Join(Loop.Timeout)));
            }

            IEnumerable Worker()
            {
                try
                {
                    Future<int> next = queue.Get();
                    yield return next;
                    gotten++;
                    yield return Coroutine.Return(next.Result);
                }
                finally
                {
                    workerFinallies++;
                }
            }
        }

        output.WriteLine($"{rounds} rounds: {refused} of {attempts} completions from other threads refused, {itemsPut} items put, {itemsGotten} gotten, {finallies} of {started} finally blocks ran");
        Assert.Equal(attempts, refused);
        Assert.Equal(started, finallies);
        Assert.Equal(itemsPut, itemsGotten);
    }

    private static Thread StartThread(Action action)
    {
        var thread = new Thread(() => action()) { IsBackground = true };
        thread.Start();
        return thread;
    }

    /// <summary>Two threads that cancel the futures the loop hands them, each after a short random
    /// spin, while the loop goes on: a cross-thread cancel that lands anywhere in what follows.</summary>
    private sealed class Cancellers : IDisposable
    {
        private readonly BlockingCollection<Future> _requests = [];
        private readonly Thread[] _threads;
        private long _cancels;
        private int _pending;

        public Cancellers(int seed)
        {
            _threads = [.. Enumerable.Range(0, 2).Select(t => StartThread(() =>
            {
                var random = new Random(seed * 31 + t);
                foreach (Future target in _requests.GetConsumingEnumerable())
                {
                    Thread.SpinWait(random.Next(0, 300));
                    if (target.Cancel())
                    {
                        Interlocked.Increment(ref _cancels);
                    }

                    Interlocked.Decrement(ref _pending);
                }
            }))];
        }

        /// <summary>Asks for <paramref name="target"/> to be cancelled soon, on another thread.</summary>
        public void Cancel(Future target)
        {
            Interlocked.Increment(ref _pending);
            _requests.Add(target);
        }

        /// <summary>Yield this from the loop after <see cref="Cancel"/>: turns of the loop (every other
        /// coroutine moves on) until the other thread has carried out every request, so each cancel
        /// lands while the loop is busy rather than after the scenario ended.</summary>
        public IEnumerable<Future> WhileRequestsPending()
        {
            for (int turn = 0; turn < 100_000 && Volatile.Read(ref _pending) > 0; turn++)
            {
                yield return Coroutine.Moment;
            }
        }

        /// <summary>Waits for every request to be carried out; returns how many cancels won.</summary>
        public long Join()
        {
            _requests.CompleteAdding();
            Assert.All(_threads, thread => Assert.True(thread.Join(Loop.Timeout)));
            return _cancels;
        }

        public void Dispose() => _requests.Dispose();
    }
}

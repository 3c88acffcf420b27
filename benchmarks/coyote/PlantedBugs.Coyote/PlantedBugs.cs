using Microsoft.Coyote.SystematicTesting;

namespace PlantedBugs.Coyote;

/// <summary>
/// The three planted bugs of Coro.Tests/Simulation/PlantedBugs.cs, written with async/await for
/// Coyote's systematic testing: <c>Task.Yield</c> where the coroutine yields <c>Moment</c>,
/// <c>Task.Delay</c> where it sleeps, a queue of <c>TaskCompletionSource</c>s where it uses
/// <c>FutureQueue</c>. Each test fails (throws, or deadlocks) exactly when the coroutine's does.
/// </summary>
public static class PlantedBugs
{
    [Test]
    public static async Task LostUpdate()
    {
        var counter = new Counter();
        await Task.WhenAll(Increment(counter, 0), Increment(counter, 2));
        if (counter.Value != 2)
        {
            throw new InvalidOperationException($"Lost update: the counter is {counter.Value} after two increments.");
        }
    }

    [Test]
    public static async Task CheckThenAct()
    {
        var queue = new AsyncQueue<int>();
        queue.Put(1);
        await Task.WhenAll(Consume(queue, 0), Consume(queue, 2));
    }

    [Test]
    public static async Task ProducerAndTimeout()
    {
        var queue = new AsyncQueue<int>();
        Task producer = Produce(queue);
        Task<int> item = queue.Get();
        if (await Task.WhenAny(item, Task.Delay(100)) != item)
        {
            throw new TimeoutException("The item did not come within 100 ms.");
        }

        await producer;
    }

    /// <summary>Lost update's shape without the bug (the write follows the read in one step): all
    /// 1,000 schedules run, for the time per schedule once the engine has started.</summary>
    [Test]
    public static async Task NoBug()
    {
        var counter = new Counter();
        await Task.WhenAll(IncrementAtOnce(counter), IncrementAtOnce(counter));
        if (counter.Value != 2)
        {
            throw new InvalidOperationException($"Lost update: the counter is {counter.Value} after two increments.");
        }
    }

    private static async Task IncrementAtOnce(Counter counter)
    {
        await Task.Yield();
        counter.Value++;
        await Task.Yield();
    }

    private static async Task Increment(Counter counter, int laterBy)
    {
        for (int i = 0; i < laterBy; i++)
        {
            await Task.Yield();
        }

        int read = counter.Value;
        await Task.Yield();
        counter.Value = read + 1;
    }

    private static async Task Consume(AsyncQueue<int> queue, int laterBy)
    {
        for (int i = 0; i < laterBy; i++)
        {
            await Task.Yield();
        }

        if (!queue.IsEmpty)
        {
            await Task.Yield();
            await queue.Get();
        }
    }

    private static async Task Produce(AsyncQueue<int> queue)
    {
        await Task.Delay(90);
        queue.Put(42);
    }

    private sealed class Counter
    {
        public int Value { get; set; }
    }

    /// <summary>FutureQueue's shape: Get waits when empty, Put hands an item to the first waiter.</summary>
    private sealed class AsyncQueue<T>
    {
        private readonly Queue<T> _items = new();
        private readonly Queue<TaskCompletionSource<T>> _getters = new();

        public bool IsEmpty
        {
            get
            {
                lock (_items)
                {
                    return _items.Count == 0;
                }
            }
        }

        public Task<T> Get()
        {
            lock (_items)
            {
                if (_items.TryDequeue(out T? item))
                {
                    return Task.FromResult(item);
                }

                var getter = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                _getters.Enqueue(getter);
                return getter.Task;
            }
        }

        public void Put(T item)
        {
            TaskCompletionSource<T>? getter;
            lock (_items)
            {
                if (!_getters.TryDequeue(out getter))
                {
                    _items.Enqueue(item);
                    return;
                }
            }

            getter.SetResult(item);
        }
    }
}

namespace Coro.Tests.Simulation;

/// <summary>
/// Three programs with a concurrency bug planted in each, which the loop's default order never shows
/// and a seed finds. benchmarks/coyote holds the same three as async/await, for Microsoft Coyote.
/// </summary>
internal static partial class PlantedBugs
{
    /// <summary>The options the bugs are explored with: the producer's race needs its timers jittered.</summary>
    public static readonly SimulationOptions Options = new() { TimerJitter = TimeSpan.FromMilliseconds(20) };

    /// <summary>Each bug's test, by name.</summary>
    public static readonly (string Name, Func<Future> Test)[] All =
    [
        ("lost update", () => LostUpdateAsync()),
        ("check then act", () => CheckThenActAsync()),
        ("producer and timeout", () => ProducerAndTimeoutAsync()),
    ];

    /// <summary>Two workers add one each to a counter, reading it and writing it back across a yield.
    /// The second starts two steps later, so in first-in-first-out order the first has written by
    /// the time the second reads.</summary>
    [Coroutine]
    public static partial IEnumerable<Future> LostUpdate()
    {
        var counter = new Counter();
        yield return Future.All(IncrementAsync(counter, 0), IncrementAsync(counter, 2));
        if (counter.Value != 2)
        {
            throw new InvalidOperationException($"Lost update: the counter is {counter.Value} after two increments.");
        }
    }

    /// <summary>Two consumers of a queue holding one item: each checks <c>IsEmpty</c>, then yields
    /// (as if to log), then takes. When both see the item, the second waits forever.</summary>
    [Coroutine]
    public static partial IEnumerable<Future> CheckThenAct()
    {
        var queue = new FutureQueue<int>();
        queue.TryPut(1);
        yield return Future.All(ConsumeAsync(queue, 0), ConsumeAsync(queue, 2));
    }

    /// <summary>A consumer waits 100 ms for an item that a producer puts after 90 ms, assuming the
    /// producer always wins. With timers 20 ms late at random, sometimes it does not.</summary>
    [Coroutine]
    public static partial IEnumerable<Future> ProducerAndTimeout()
    {
        var queue = new FutureQueue<int>();
        Future producer = ProduceAsync(queue);
        Future<int> item = queue.Get().WithTimeout(TimeSpan.FromMilliseconds(100));
        yield return item; // throws TimeoutException when the timeout fires first
        yield return producer;
    }

    [Coroutine]
    private static partial IEnumerable<Future> Increment(Counter counter, int laterBy)
    {
        for (int i = 0; i < laterBy; i++)
        {
            yield return Coroutine.Moment;
        }

        int read = counter.Value;
        yield return Coroutine.Moment;
        counter.Value = read + 1;
    }

    [Coroutine]
    private static partial IEnumerable<Future> Consume(FutureQueue<int> queue, int laterBy)
    {
        for (int i = 0; i < laterBy; i++)
        {
            yield return Coroutine.Moment;
        }

        if (!queue.IsEmpty)
        {
            yield return Coroutine.Moment;
            yield return queue.Get();
        }
    }

    [Coroutine]
    private static partial IEnumerable<Future> Produce(FutureQueue<int> queue)
    {
        yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(90));
        queue.TryPut(42);
    }

    private sealed class Counter
    {
        public int Value { get; set; }
    }
}

using System.Collections;

namespace Coro.Tests.Sync.Ported;

/// <summary>Runs a ported test's body as the main coroutine of a fresh loop on virtual time: the
/// suites' sleeps and timeouts then cost no real time, and their order is exact.</summary>
internal static class VirtualLoop
{
    public static void Run(Func<IEnumerable> body) => Virtual.Run(body);

    /// <summary>The running loop's clock, for the tests that check when something happened.</summary>
    public static DateTimeOffset Now => EventLoop.Current!.TimeProvider.GetUtcNow();

    public static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}

/// <summary>
/// One of Coro's three queues seen through the members the suites' join tests share, so that a test
/// written once runs against <see cref="FutureQueue{T}"/>, <see cref="FutureLifoQueue{T}"/> and
/// <see cref="FuturePriorityQueue{TElement, TPriority}"/> (an item is its own priority), as the
/// suites run one mixin against each queue class.
/// </summary>
internal sealed record QueueUnderTest(
    Func<int, bool> TryPut,
    Func<int, Future> Put,
    Func<Future<int>> Get,
    Action TaskDone,
    Func<TimeSpan?, Future> Join)
{
    public const string Fifo = "Queue";
    public const string Lifo = "LifoQueue";
    public const string Priority = "PriorityQueue";

    public static TheoryData<string> Kinds => [Fifo, Lifo, Priority];

    public static QueueUnderTest Create(string kind) => kind switch
    {
        Fifo => Of(new FutureQueue<int>()),
        Lifo => Of(new FutureLifoQueue<int>()),
        Priority => Of(new FuturePriorityQueue<int, int>()),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a queue kind"),
    };

    private static QueueUnderTest Of(FutureQueue<int> q) =>
        new(q.TryPut, item => q.Put(item), () => q.Get(), q.TaskDone, q.Join);

    private static QueueUnderTest Of(FutureLifoQueue<int> q) =>
        new(q.TryPut, item => q.Put(item), () => q.Get(), q.TaskDone, q.Join);

    private static QueueUnderTest Of(FuturePriorityQueue<int, int> q) =>
        new(item => q.TryPut(item, item), item => q.Put(item, item), () => q.Get(), q.TaskDone, q.Join);
}

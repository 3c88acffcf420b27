using System.Runtime.CompilerServices;
namespace Coro.Tool.Tests;

/// <summary>
/// The process dotnet-coro reads in the tests: a loop whose coroutines wait on a sleep, a queue, an
/// event, a lock, a task under a timeout and each other, then one step that blocks the loop's thread
/// in <c>Thread.Sleep</c> until the process is killed. A crowd of <see cref="CrowdSize"/> more waits
/// on the same event, so that the loop keeps its suspended coroutines in several segments. It writes what it knows on standard output
/// (one <c>yield</c> line per coroutine: the line it is suspended at; the <c>blocked</c> line; the
/// loop's own <c>DescribeCoroutines()</c> between <c>describe</c> markers), then <see cref="Ready"/>.
/// </summary>
public static partial class TargetProgram
{
    public const string Ready = "ready";
    public const string DescribeStart = "describe:";
    public const string DescribeEnd = "end describe";

    /// <summary>More than two segments of the loop's list of suspended coroutines (1,024 each).</summary>
    public const int CrowdSize = 2100;

    public static int Run()
    {
        EventLoop.Run(() => HoldAsync());
        return 0;
    }

    [Coroutine]
    private static partial IEnumerable<Future> Hold()
    {
        var queue = new FutureQueue<int>();
        var gate = new FutureEvent();
        var held = new FutureLock();
        bool holding = held.TryAcquire(); // free: acquired at once
        _ = RootAsync(queue, gate);
        _ = LockerAsync(held);
        _ = TimedAsync();
        for (int i = 0; i < CrowdSize; i++)
        {
            _ = CrowdAsync(gate);
        }

        yield return Coroutine.Moment; // resumed by the loop, not the wrapper, before it blocks

        Console.WriteLine(DescribeStart);
        Console.Write(EventLoop.Current!.DescribeCoroutines());
        Console.WriteLine(DescribeEnd);
        BlockHere();
        if (holding)
        {
            held.Release();
        }
    }

    [Coroutine]
    private static partial IEnumerable<Future> Root(FutureQueue<int> queue, FutureEvent gate)
    {
        yield return At(Future.All(SleeperAsync(), GetterAsync(queue), MiddleAsync(gate), WaiterAsync(new FutureCondition()),
            UrgentGetterAsync(new FuturePriorityQueue<string, int>())));
    }

    [Coroutine]
    private static partial IEnumerable<Future> Waiter(FutureCondition condition)
    {
        yield return At(condition.Wait());
    }

    [Coroutine]
    private static partial IEnumerable<Future> UrgentGetter(FuturePriorityQueue<string, int> queue)
    {
        yield return At(queue.Get());
    }

    [Coroutine]
    private static partial IEnumerable<Future> Sleeper()
    {
        yield return Coroutine.Moment;
        yield return At(Coroutine.Sleep(TimeSpan.FromHours(1)));
    }

    [Coroutine]
    private static partial IEnumerable<Future> Getter(FutureQueue<int> queue)
    {
        yield return At(queue.Get());
    }

    [Coroutine]
    private static partial IEnumerable<Future> Middle(FutureEvent gate)
    {
        yield return At(LeafAsync(gate));
    }

    [Coroutine]
    private static partial IEnumerable<Future> Leaf(FutureEvent gate)
    {
        yield return At(gate.Wait());
    }

    [Coroutine]
    private static partial IEnumerable<Future> Crowd(FutureEvent gate)
    {
        yield return At(gate.Wait());
    }

    [Coroutine]
    private static partial IEnumerable<Future> Locker(FutureLock held)
    {
        yield return At(held.Acquire());
    }

    [Coroutine]
    private static partial IEnumerable<Future> Timed()
    {
        var never = new TaskCompletionSource();
        yield return At(Future.FromTask(never.Task).WithTimeout(TimeSpan.FromHours(2)));
    }

    /// <summary>Notes where the calling coroutine yields: its method and line.</summary>
    private static Future At(Future future, [CallerMemberName] string method = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Console.WriteLine($"yield {method} {file}:{line}");
        return future;
    }

    /// <summary>Blocks the loop's thread in a step until the process is killed.</summary>
    private static void BlockHere([CallerMemberName] string method = "", [CallerFilePath] string file = "", [CallerLineNumber] int line = 0)
    {
        Console.WriteLine($"blocked {method} {file}:{line}");
        Console.WriteLine(Ready);
        Thread.Sleep(Timeout.Infinite);
    }
}

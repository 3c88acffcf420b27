namespace Coro.Tests.Simulation;

/// <summary>A program with freedom in its order: workers that yield, sleep on equal deadlines, draw
/// from the loop's generator and post callbacks, all writing to one log. Its trace is what the
/// determinism tests compare, here and in a child process (<see cref="Program"/>).</summary>
internal static partial class BusyProgram
{
    [Coroutine]
    public static partial IEnumerable<Future> Run()
    {
        var log = new List<string>();
        yield return Future.All(WorkerAsync("a", log), WorkerAsync("b", log), WorkerAsync("c", log));
        if (log.Count != 3 * 5)
        {
            throw new InvalidOperationException($"The workers logged {log.Count} times instead of 15.");
        }
    }

    [Coroutine]
    private static partial IEnumerable<Future> Worker(string name, List<string> log)
    {
        EventLoop loop = EventLoop.Current!;
        for (int i = 0; i < 4; i++)
        {
            log.Add($"{name}{i}");
            yield return loop.Random.Next(3) == 0 ? Coroutine.Sleep(TimeSpan.FromSeconds(1)) : Coroutine.Moment;
        }

        var posted = new Future();
        loop.Post(() => posted.SetResult());
        yield return posted;
        log.Add($"{name} done");
    }
}

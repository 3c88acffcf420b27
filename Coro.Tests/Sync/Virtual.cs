using System.Collections;

namespace Coro.Tests.Sync;

/// <summary>Runs a coroutine on a loop with virtual time: sleeps and timeouts take no real time.</summary>
internal static class Virtual
{
    public static readonly EventLoopOptions Options = new() { VirtualTime = true, Timeout = TimeSpan.FromDays(1) };

    public static void Run(Func<IEnumerable> body) => EventLoop.Run(() => Coroutine.Start(body()), Options);

    public static T Run<T>(Func<IEnumerable> body) => EventLoop.Run(() => Coroutine.Start<T>(body()), Options);

    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);
}

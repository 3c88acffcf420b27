using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>Runs bodies on a fresh loop with a generous timeout, so a broken runtime fails a test
/// instead of hanging the suite.</summary>
internal static class Loop
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static void Run(Func<IEnumerable> body) => EventLoop.Run(() => Coroutine.Start(body()), Timeout);

    public static T Run<T>(Func<IEnumerable> body) => EventLoop.Run(() => Coroutine.Start<T>(body()), Timeout);
}

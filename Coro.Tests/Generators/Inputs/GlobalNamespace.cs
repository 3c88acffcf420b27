using System.Collections.Generic;
using Coro;

/// <summary>A type in the global namespace.</summary>
public partial class GlobalThing
{
    /// <summary>Returns the text after a turn.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Echo(string text)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(text);
    }
}

public static class Scenario
{
    public static string Run() => EventLoop.Run(() => GlobalThing.EchoAsync("global"));
}

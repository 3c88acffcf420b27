#nullable disable
using System.Collections.Generic;
using Coro;

namespace Demo.Legacy;

/// <summary>Code written before nullable reference types: the generated declarations keep them off.</summary>
public partial class Legacy
{
    /// <summary>Logs the text, returns it.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future> Echo(string text, List<string> log, object state = null)
    {
        log.Add(text);
        yield return Coroutine.Moment;
        yield return Coroutine.Return(text + (state ?? "-"));
    }
}

public static class Scenario
{
    public static string Run()
    {
        var log = new List<string>();
        return EventLoop.Run(() => new Legacy().EchoAsync("old", log)) + " " + log.Count;
    }
}

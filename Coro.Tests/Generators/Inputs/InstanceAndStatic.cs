using System.Collections.Generic;
using Coro;

namespace Demo;

/// <summary>The shape docs/design.md shows: an instance coroutine with a result and a static one without.</summary>
public partial class Spider
{
    private readonly Dictionary<string, string> _pages = new() { ["/"] = "<title>Home</title>" };

    /// <summary>Fetches a page and returns its title.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future> FetchTitle(string url)
    {
        Future<string> page = Future.FromResult(_pages[url]);
        yield return page;
        yield return Coroutine.Sleep(System.TimeSpan.FromMilliseconds(1));
        yield return Coroutine.Return(page.Result.Replace("<title>", "").Replace("</title>", ""));
    }

    /// <summary>Counts to three, one loop turn at a time.</summary>
    [Coroutine]
    internal static partial IEnumerable<Future> CountTo(List<int> seen, int count)
    {
        for (int i = 1; i <= count; i++)
        {
            seen.Add(i);
            yield return Coroutine.Moment;
        }
    }
}

public static class Scenario
{
    public static string Run()
    {
        string title = EventLoop.Run(() => new Spider().FetchTitleAsync("/"));
        var seen = new List<int>();
        EventLoop.Run(() => Spider.CountToAsync(seen, 3));
        return title + " " + string.Join(",", seen);
    }
}

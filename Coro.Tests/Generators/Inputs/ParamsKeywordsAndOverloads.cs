using System.Collections.Generic;
using System.Linq;
using Coro;

namespace Demo.Names;

/// <summary>params arrays, keyword names, overloads, and parameters named like the wrapper's locals.</summary>
public partial class @class
{
    /// <summary>Joins the words.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Join(string separator, params string[] words)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(string.Join(separator, words));
    }

    /// <summary>An overload with another parameter list.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Join(params int[] numbers)
    {
        yield return Coroutine.Return(string.Join("+", numbers));
    }

    /// <summary>An overload that is generic.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Join<T>(List<T> items)
    {
        yield return Coroutine.Return(string.Join("&", items));
    }

    /// <summary>Keyword parameter names.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future> @event(int @class, string @event, object @object)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return($"{@class}:{@event}:{@object}");
    }

    /// <summary>Parameters named like the locals of the wrapper.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Locals(string future, string body, string exception, string future_)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(future + body + exception + future_);
    }

    /// <summary>A parameter named like the body itself.</summary>
    [Coroutine<int>]
    public partial IEnumerable<Future> Shadow(int Shadow)
    {
        yield return Coroutine.Return(Shadow * 2);
    }
}

public static class Scenario
{
    public static string Run()
    {
        var it = new @class();
        return string.Join(" ", new[]
        {
            EventLoop.Run(() => @class.JoinAsync("-", "a", "b", "c")),
            EventLoop.Run(() => @class.JoinAsync(1, 2, 3)),
            EventLoop.Run(() => @class.JoinAsync(new List<char> { 'x', 'y' })),
            EventLoop.Run(() => it.eventAsync(1, "e", "o")),
            EventLoop.Run(() => @class.LocalsAsync("f", "b", "e", "_")),
            EventLoop.Run(() => it.ShadowAsync(21)).ToString(),
        });
    }
}

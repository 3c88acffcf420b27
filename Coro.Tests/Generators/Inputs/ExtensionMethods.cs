using System.Collections.Generic;
using Coro;

namespace Demo.Extensions;

/// <summary>Coroutines as extension methods.</summary>
public static partial class TextExtensions
{
    /// <summary>Repeats the text, one loop turn per copy.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Repeat(this string text, int times)
    {
        string result = "";
        for (int i = 0; i < times; i++)
        {
            result += text;
            yield return Coroutine.Moment;
        }

        yield return Coroutine.Return(result);
    }

    /// <summary>A generic extension.</summary>
    [Coroutine<int>]
    public static partial IEnumerable<Future> CountItems<T>(this IEnumerable<T> items)
    {
        int count = 0;
        foreach (T _ in items)
        {
            count++;
            yield return Coroutine.Moment;
        }

        yield return Coroutine.Return(count);
    }
}

public static class Scenario
{
    public static string Run()
    {
        string repeated = EventLoop.Run(() => "ab".RepeatAsync(3));
        int count = EventLoop.Run(() => new[] { 1, 2, 3, 4 }.CountItemsAsync());
        return $"{repeated} {count}";
    }
}

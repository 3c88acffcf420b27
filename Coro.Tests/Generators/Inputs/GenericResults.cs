using System.Collections.Generic;
using Coro;

namespace Demo.GenericResults;

/// <summary>Results that use type parameters: named with ResultType, since [Coroutine&lt;T&gt;] is CS8968.</summary>
public static partial class Echo
{
    /// <summary>Gives back its argument after one loop turn.</summary>
    [Coroutine(ResultType = "T")]
    public static partial IEnumerable<Future> Back<T>(T value)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(value);
    }

    /// <summary>Repeats an item.</summary>
    [Coroutine(ResultType = "List<T>")]
    public static partial IEnumerable<Future> Repeat<T>(T item, int times)
    {
        var items = new List<T>();
        for (int i = 0; i < times; i++)
        {
            items.Add(item);
            yield return Coroutine.Moment;
        }

        yield return Coroutine.Return(items);
    }
}

/// <summary>A generic type whose coroutine returns its own type parameter.</summary>
public partial class Box<TValue>
{
    private readonly TValue _value;

    public Box(TValue value) => _value = value;

    /// <summary>Opens the box.</summary>
    [Coroutine(ResultType = "TValue?")]
    public partial IEnumerable<Future> Open()
    {
        yield return Coroutine.Return(_value);
    }
}

public static class Scenario
{
    public static string Run()
    {
        string back = EventLoop.Run(() => Echo.BackAsync("back"));
        List<int> repeated = EventLoop.Run(() => Echo.RepeatAsync(4, 3));
        int? opened = EventLoop.Run(() => new Box<int?>(9).OpenAsync());
        return $"{back} {string.Join(",", repeated)} {opened}";
    }
}

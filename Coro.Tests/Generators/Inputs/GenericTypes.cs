using System.Collections.Generic;
using Coro;

namespace Demo.Generics;

/// <summary>A coroutine in a generic type with constraints.</summary>
public partial class Box<T>
    where T : class
{
    private readonly T _value;

    /// <summary>Boxes a value.</summary>
    public Box(T value) => _value = value;

    /// <summary>Returns the value's text after a loop turn.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future> Get()
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(_value.ToString());
    }

    /// <summary>A generic type inside the generic type.</summary>
    public partial class Pair<TOther>
        where TOther : struct
    {
        /// <summary>Pairs the two.</summary>
        [Coroutine<string>]
        public static partial IEnumerable<object> Join(T first, TOther second, List<KeyValuePair<T, TOther>> log)
        {
            log.Add(new KeyValuePair<T, TOther>(first, second));
            yield return null!;
            yield return Coroutine.Return(first + "+" + second);
        }
    }
}

/// <summary>A variant interface with a static coroutine.</summary>
public partial interface ISource<out T>
{
    /// <summary>Yields once, then returns the default.</summary>
    [Coroutine<string>]
    public static partial IEnumerable<Future> Describe(int value)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(typeof(T).Name + value);
    }
}

public static class Scenario
{
    public static string Run()
    {
        string boxed = EventLoop.Run(() => new Box<string>("boxed").GetAsync());
        var log = new List<KeyValuePair<string, int>>();
        string joined = EventLoop.Run(() => Box<string>.Pair<int>.JoinAsync("x", 1, log));
        string described = EventLoop.Run(() => ISource<string>.DescribeAsync(2));
        return $"{boxed} {joined} {log.Count} {described}";
    }
}

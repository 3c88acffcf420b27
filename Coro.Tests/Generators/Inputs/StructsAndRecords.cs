using System.Collections.Generic;
using Coro;

namespace Demo.Records;

/// <summary>A struct.</summary>
public partial struct Counter
{
    /// <summary>The start.</summary>
    public int Start;

    /// <summary>Counts up from <see cref="Start"/>.</summary>
    [Coroutine<int>]
    public partial IEnumerable<Future> CountUp(int steps)
    {
        int value = Start;
        for (int i = 0; i < steps; i++)
        {
            value++;
            yield return Coroutine.Moment;
        }

        yield return Coroutine.Return(value);
    }
}

/// <summary>A record.</summary>
public partial record Greeter(string Greeting)
{
    /// <summary>Greets.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future> Greet(string name)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(Greeting + ", " + name);
    }
}

/// <summary>A record struct.</summary>
public partial record struct Point(int X, int Y)
{
    /// <summary>The distance from the origin, in steps.</summary>
    [Coroutine<int>]
    public readonly partial IEnumerable<Future> Manhattan()
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(System.Math.Abs(X) + System.Math.Abs(Y));
    }
}

/// <summary>A record class, spelled out.</summary>
public partial record class Named(string Name)
{
    /// <summary>The name, after a turn.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future> Echo()
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(Name);
    }
}

public static class Scenario
{
    public static string Run()
    {
        int counted = EventLoop.Run(() => new Counter { Start = 10 }.CountUpAsync(3));
        string greeting = EventLoop.Run(() => new Greeter("Hello").GreetAsync("Coro"));
        int distance = EventLoop.Run(() => new Point(3, -4).ManhattanAsync());
        string name = EventLoop.Run(() => new Named("named").EchoAsync());
        return $"{counted} {greeting} {distance} {name}";
    }
}

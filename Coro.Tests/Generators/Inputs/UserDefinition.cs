using System.Collections.Generic;
using Coro;

namespace Demo.Definitions;

/// <summary>The user wrote the defining declaration: only the wrapper is generated.</summary>
public partial class Written
{
    /// <summary>The attribute on the defining declaration, defaults there too.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future> OnDefinition(string text = "default");

    public partial IEnumerable<Future> OnDefinition(string text)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(text);
    }

    /// <summary>The attribute on the implementing declaration.</summary>
    public static partial IEnumerable<Future> OnImplementation(int value);

    [Coroutine<int>]
    public static partial IEnumerable<Future> OnImplementation(int value)
    {
        yield return Coroutine.Return(value + 1);
    }
}

public static class Scenario
{
    public static string Run() =>
        EventLoop.Run(() => new Written().OnDefinitionAsync()) + " " + EventLoop.Run(() => Written.OnImplementationAsync(1));
}

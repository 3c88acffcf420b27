using System.Collections.Generic;
using Coro;

namespace Demo.Nullable;

/// <summary>Nullable annotations are kept in the wrapper.</summary>
public partial class Lookup
{
    /// <summary>Finds a value, or null.</summary>
    [Coroutine<string>]
    public partial IEnumerable<Future?> Find(Dictionary<string, string?>? map, string key, List<string?>[]? extra = null, int? limit = null)
    {
        yield return null;
        yield return Coroutine.Return(map is not null && map.TryGetValue(key, out string? value) ? value : null);
    }
}

public static class Scenario
{
    public static string Run()
    {
        var map = new Dictionary<string, string?> { ["a"] = "found", ["b"] = null };
        var lookup = new Lookup();
        return (EventLoop.Run(() => lookup.FindAsync(map, "a")) ?? "null") + " " + (EventLoop.Run(() => lookup.FindAsync(null, "b")) ?? "null");
    }
}

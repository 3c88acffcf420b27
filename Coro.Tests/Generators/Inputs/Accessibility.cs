using System.Collections.Generic;
using System.Reflection;
using Coro;

namespace Demo.Access;

/// <summary>Every accessibility; the wrapper has the body's.</summary>
public partial class Levels
{
    /// <summary>Public.</summary>
    [Coroutine<int>]
    public partial IEnumerable<Future> Public() { yield return Coroutine.Return(1); }

    /// <summary>Internal.</summary>
    [Coroutine<int>]
    internal partial IEnumerable<Future> Internal() { yield return Coroutine.Return(2); }

    /// <summary>Protected.</summary>
    [Coroutine<int>]
    protected partial IEnumerable<Future> Protected() { yield return Coroutine.Return(3); }

    /// <summary>Protected internal.</summary>
    [Coroutine<int>]
    protected internal partial IEnumerable<Future> ProtectedInternal() { yield return Coroutine.Return(4); }

    /// <summary>Private protected.</summary>
    [Coroutine<int>]
    private protected partial IEnumerable<Future> PrivateProtected() { yield return Coroutine.Return(5); }

    /// <summary>Private.</summary>
    [Coroutine<int>]
    private partial IEnumerable<Future> Private() { yield return Coroutine.Return(6); }

    /// <summary>Calls every wrapper from inside the type.</summary>
    public int Sum() =>
        EventLoop.Run(() => PublicAsync()) + EventLoop.Run(() => InternalAsync()) + EventLoop.Run(() => ProtectedAsync())
        + EventLoop.Run(() => ProtectedInternalAsync()) + EventLoop.Run(() => PrivateProtectedAsync()) + EventLoop.Run(() => PrivateAsync());
}

public static class Scenario
{
    public static string Run()
    {
        var levels = new Levels();
        var described = new List<string>();
        foreach (string name in new[] { "Public", "Internal", "Protected", "ProtectedInternal", "PrivateProtected", "Private" })
        {
            MethodInfo wrapper = typeof(Levels).GetMethod(name + "Async", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!;
            described.Add(wrapper.IsPublic ? "public" : wrapper.IsAssembly ? "internal" : wrapper.IsFamily ? "protected"
                : wrapper.IsFamilyOrAssembly ? "protected internal" : wrapper.IsFamilyAndAssembly ? "private protected" : "private");
        }

        return levels.Sum() + " " + string.Join(",", described);
    }
}

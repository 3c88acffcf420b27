using System.Collections;
using System.Collections.Generic;
using Coro;

namespace Demo.Returns;

/// <summary>All four iterator return types.</summary>
public partial class Bodies
{
    /// <summary>IEnumerable.</summary>
    [Coroutine<int>]
    public static partial IEnumerable Enumerable()
    {
        yield return null;
        yield return Coroutine.Return(1);
    }

    /// <summary>IEnumerator.</summary>
    [Coroutine<int>]
    public static partial IEnumerator Enumerator()
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(2);
    }

    /// <summary>IEnumerable of object.</summary>
    [Coroutine<int>]
    public static partial IEnumerable<object?> EnumerableOfObject()
    {
        yield return null;
        yield return Coroutine.Return(3);
    }

    /// <summary>IEnumerator of Future.</summary>
    [Coroutine<int>]
    public static partial IEnumerator<Future> EnumeratorOfFuture()
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(4);
    }

    /// <summary>No result, ends at its first step.</summary>
    [Coroutine]
    public static partial IEnumerator<Future?> Nothing(List<string> log)
    {
        log.Add("ran");
        yield break;
    }
}

public static class Scenario
{
    public static string Run()
    {
        var log = new List<string>();
        Future nothing = Bodies.NothingAsync(log);
        return $"{EventLoop.Run(() => Bodies.EnumerableAsync())} {EventLoop.Run(() => Bodies.EnumeratorAsync())} "
            + $"{EventLoop.Run(() => Bodies.EnumerableOfObjectAsync())} {EventLoop.Run(() => Bodies.EnumeratorOfFutureAsync())} "
            + $"{nothing.IsDone && !nothing.IsFaulted} {log.Count}";
    }
}

using System.Collections;
using System.Collections.Generic;
using System.Threading.Tasks;
using Coro;

namespace Demo.Conversions;

/// <summary>Bodies that yield, typed object, what the runtime cannot recognise without reflection.</summary>
public partial class Mixed
{
    /// <summary>A ValueTask of int, a nullable one, a dictionary of futures, and things that need nothing.</summary>
    [Coroutine<int>]
    public static partial IEnumerable<object?> Boxed(ValueTask<int> count, ValueTask<string>? name, Dictionary<string, Future<int>> pages, Task<int> task)
    {
        yield return count;
        yield return name;
        yield return pages;
        yield return pages;       // registered once
        yield return task;        // a Task is matched by a type test
        yield return new[] { Future.FromResult(1) };
        System.Func<IEnumerable<object>> local = () => Inner();
        yield return Coroutine.Return(count.Result);

        static IEnumerable<object> Inner()
        {
            yield return new ValueTask<long>(1L); // a local function's yields are not the body's
        }
    }

    /// <summary>A ValueTask of the method's own type parameter.</summary>
    [Coroutine]
    public static partial IEnumerable Generic<T>(ValueTask<T> value)
    {
        yield return value;
    }

    /// <summary>The implicit conversion makes it a Future: nothing to register.</summary>
    [Coroutine]
    public static partial IEnumerable<Future> Converted(ValueTask value)
    {
        yield return value;
    }
}

using System.Collections;
using System.Collections.Concurrent;

namespace Coro;

/// <summary>
/// Turns what a coroutine may yield besides a <see cref="Future"/> into one. The switch in
/// <see cref="ToFuture"/> is the runtime's table of yieldables, one row per shape; CORO001 keeps the
/// same rows for static types (<c>CoroSymbols.s_yieldables</c> in Coro.Analyzers), and docs/semantics.md lists them.
/// </summary>
/// <remarks>
/// <para>No reflection: a trimmed or AOT-compiled program (NativeAOT, IL2CPP) must convert exactly
/// what the JIT converts. Two shapes cannot be matched by a type test without knowing their type
/// arguments: a boxed <c>ValueTask&lt;T&gt;</c>, and an <c>IReadOnlyDictionary&lt;TKey, Future&lt;T&gt;&gt;</c>
/// (its key-value pairs are structs, so no variance helps). For those the generated wrapper of every
/// coroutine that yields one registers a converter (<see cref="CompilerServices.YieldConversions"/>),
/// since the generator sees the static type of each <c>yield return</c>. Dictionaries nobody
/// registered are still read through the non-generic <see cref="IDictionary"/>, which every BCL
/// dictionary implements; a <c>ValueTask&lt;T&gt;</c> of a <c>T</c> nobody registered is a
/// <see cref="BadYieldException"/> that says to yield <c>Future.FromValueTask(value)</c>.</para>
/// <para>Coro has no public extension point here, unlike Tornado's <c>convert_yielded</c>: the
/// analyzers must know every yieldable type at compile time.</para>
/// </remarks>
internal static class Yieldables
{
    // Registered converters by the yielded value's own type (ValueTask<T>), and the registered
    // dictionary shapes, tried in order of registration. Both are written once per type and program,
    // read on the rare path only (a yield that is no Future, Task, ValueTask or sequence).
    private static readonly ConcurrentDictionary<Type, Func<object, Future>> s_byType = new();
    private static Func<object, Future?>[] s_dictionaries = []; // replaced whole on registration, never changed

    private static readonly object s_registering = new();

    /// <returns>The future to wait for, or null if <paramref name="yielded"/> is not yieldable.</returns>
    public static Future? ToFuture(object yielded) => yielded switch
    {
        Task task => Future.FromTask(task),
        ValueTask valueTask => Future.FromValueTask(valueTask),
        IEnumerable<Future> futures => Future.All(futures),
        IEnumerable<Task> tasks => Future.All(tasks.Select(Future.FromTask)),
        _ when s_byType.TryGetValue(yielded.GetType(), out Func<object, Future>? convert) => convert(yielded),
        _ => RegisteredDictionary(yielded) ?? AnyDictionary(yielded),
    };

    /// <summary>Converts a boxed <c>ValueTask&lt;T&gt;</c> from now on.</summary>
    public static void RegisterValueTask<T>() =>
        s_byType.TryAdd(typeof(ValueTask<T>), static value => Future.FromValueTask((ValueTask<T>)value));

    /// <summary>Converts an <c>IReadOnlyDictionary&lt;TKey, TFuture&gt;</c> from now on.</summary>
    public static void RegisterDictionary<TKey, TFuture>()
        where TFuture : Future
    {
        lock (s_registering)
        {
            Volatile.Write(ref s_dictionaries, [.. s_dictionaries, static value => value is IReadOnlyDictionary<TKey, TFuture> futures ? Future.All(futures.Values) : null]);
        }
    }

    /// <summary>What to tell a user whose yielded value Coro cannot convert, after the type's name.</summary>
    public static string AdviceFor(object yielded) =>
        IsGenericValueTask(yielded.GetType())
            ? "Coro converts a ValueTask<T> typed object only for a T that a [Coroutine] body yields with its static type; " +
              "yield Future.FromValueTask(value) instead."
            : "Yield a Future, a Task, a ValueTask, an array or sequence of futures or tasks, a dictionary of futures, " +
              "null, Coroutine.Moment or Coroutine.Return(value).";

    private static bool IsGenericValueTask(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>);

    private static Future? RegisteredDictionary(object yielded)
    {
        foreach (Func<object, Future?> shape in Volatile.Read(ref s_dictionaries))
        {
            if (shape(yielded) is { } future)
            {
                return future;
            }
        }

        return null;
    }

    // A dictionary whose every value is a future: the body reads each result from its own future,
    // so waiting for All of the values is all a yielded dictionary means.
    private static Future? AnyDictionary(object yielded)
    {
        if (yielded is not IDictionary dictionary)
        {
            return null;
        }

        var futures = new List<Future>(dictionary.Count);
        foreach (object? value in dictionary.Values)
        {
            if (value is not Future future)
            {
                return null;
            }

            futures.Add(future);
        }

        return Future.All(futures);
    }
}

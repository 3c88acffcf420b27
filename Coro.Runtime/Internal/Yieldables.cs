using System.Collections.Concurrent;
using System.Reflection;

namespace Coro;

/// <summary>
/// Turns what a coroutine may yield besides a <see cref="Future"/> into one. The switch in
/// <see cref="ToFuture"/> is the runtime's table of yieldables, one row per shape; CORO001 keeps the
/// same rows for static types (<c>CoroSymbols.s_yieldables</c> in Coro.Analyzers), and docs/semantics.md lists them.
/// Coro has no extension point here, unlike Tornado's <c>convert_yielded</c>: the analyzers must know
/// every yieldable type at compile time.
/// </summary>
internal static class Yieldables
{
    private static readonly ConcurrentDictionary<Type, MethodInfo> s_valueTaskAsTask = new();
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> s_dictionaryValues = new();

    /// <returns>The future to wait for, or null if <paramref name="yielded"/> is not yieldable.</returns>
    public static Future? ToFuture(object yielded) => yielded switch
    {
        Task task => Future.FromTask(task),
        ValueTask valueTask => Future.FromValueTask(valueTask),
        IEnumerable<Future> futures => Future.All(futures),
        IEnumerable<Task> tasks => Future.All(tasks.Select(Future.FromTask)),
        _ when IsGenericValueTask(yielded.GetType()) => Future.FromTask(AsTask(yielded)),
        _ when DictionaryValues(yielded) is { } futures => Future.All(futures),
        _ => null,
    };

    private static bool IsGenericValueTask(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>);

    // A boxed ValueTask<T> cannot be matched without knowing T; this rare path pays for reflection.
    private static Task AsTask(object valueTask) =>
        (Task)s_valueTaskAsTask.GetOrAdd(valueTask.GetType(), static type => type.GetMethod(nameof(ValueTask<int>.AsTask))!)
            .Invoke(valueTask, null)!;

    // An IReadOnlyDictionary<TKey, Future<T>> cannot be matched without knowing TKey (KeyValuePair is
    // a struct, so no variance helps), but its Values are an IEnumerable<Future>. The body reads each
    // result from its own future, so waiting for All of the values is all a yielded dictionary means.
    // The property is looked up once per type (null for types that are no such dictionary).
    private static IEnumerable<Future>? DictionaryValues(object yielded) =>
        s_dictionaryValues.GetOrAdd(yielded.GetType(), static type => ValuesOfFutureDictionary(type))?.GetValue(yielded) as IEnumerable<Future>;

    private static PropertyInfo? ValuesOfFutureDictionary(Type type)
    {
        foreach (Type @interface in type.GetInterfaces())
        {
            if (@interface.IsGenericType
                && @interface.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
                && typeof(Future).IsAssignableFrom(@interface.GetGenericArguments()[1]))
            {
                return @interface.GetProperty(nameof(IReadOnlyDictionary<int, Future>.Values));
            }
        }

        return null;
    }
}

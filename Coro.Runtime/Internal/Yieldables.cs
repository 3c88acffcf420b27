using System.Collections.Concurrent;
using System.Reflection;

namespace Coro;

/// <summary>Turns what a coroutine may yield besides a <see cref="Future"/> into one (DESIGN §2).</summary>
internal static class Yieldables
{
    private static readonly ConcurrentDictionary<Type, MethodInfo> s_valueTaskAsTask = new();

    /// <returns>The future to wait for, or null if <paramref name="yielded"/> is not yieldable.</returns>
    public static Future? ToFuture(object yielded) => yielded switch
    {
        Task task => Future.FromTask(task),
        ValueTask valueTask => Future.FromValueTask(valueTask),
        IEnumerable<Future> futures => Future.All(futures),
        IEnumerable<Task> tasks => Future.All(tasks.Select(Future.FromTask)),
        _ when IsGenericValueTask(yielded.GetType()) => Future.FromTask(AsTask(yielded)),
        _ => null,
    };

    private static bool IsGenericValueTask(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ValueTask<>);

    // A boxed ValueTask<T> cannot be matched without knowing T; this rare path pays for reflection.
    private static Task AsTask(object valueTask) =>
        (Task)s_valueTaskAsTask.GetOrAdd(valueTask.GetType(), static type => type.GetMethod(nameof(ValueTask<int>.AsTask))!)
            .Invoke(valueTask, null)!;
}

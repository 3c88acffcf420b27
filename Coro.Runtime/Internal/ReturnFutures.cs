namespace Coro;

/// <summary>
/// Shared <see cref="Coroutine.Return{T}"/> futures for the results an async method's builder also
/// keeps done tasks for (<c>bool</c>, <c>int</c> from -1 to 8, <c>null</c>), so that
/// <c>yield return Coroutine.Return(true)</c> allocates no more than <c>return true;</c> does in an
/// async method. A done future never changes again, so sharing one is invisible, as sharing a
/// <see cref="Task.FromResult{TResult}"/> task is.
/// </summary>
internal static class ReturnFutures<T>
{
    private const int SmallestInt = -1;
    private const int IntCount = 10;

    // Indexed by the int plus one; for bool by 0 and 1; for a reference type, [0] is null's.
    private static readonly Future<T>[]? s_shared = Make();

    /// <summary>The shared future for <paramref name="value"/>, or null if there is none.</summary>
    public static Future<T>? For(T value)
    {
        // typeof tests on T fold away when the JIT compiles each value type's instantiation.
        if (typeof(T) == typeof(int))
        {
            uint index = (uint)((int)(object)value! - SmallestInt);
            return index < IntCount ? s_shared![index] : null;
        }

        if (typeof(T) == typeof(bool))
        {
            return s_shared![(bool)(object)value! ? 1 : 0];
        }

        if (!typeof(T).IsValueType && value is null)
        {
            return s_shared![0];
        }

        return null;
    }

    private static Future<T>[]? Make()
    {
        if (typeof(T) == typeof(int))
        {
            return [.. Enumerable.Range(SmallestInt, IntCount).Select(i => new Future<T>((T)(object)i, FutureKind.Return))];
        }

        if (typeof(T) == typeof(bool))
        {
            return [new((T)(object)false, FutureKind.Return), new((T)(object)true, FutureKind.Return)];
        }

        return typeof(T).IsValueType ? null : [new(default!, FutureKind.Return)];
    }
}

using System.ComponentModel;

namespace Coro.CompilerServices;

/// <summary>
/// Registers how to convert a yielded value whose shape the runtime cannot recognise without
/// reflection: a boxed <c>ValueTask&lt;T&gt;</c>, an <c>IReadOnlyDictionary&lt;TKey, Future&lt;T&gt;&gt;</c>.
/// The generated wrapper of a coroutine whose body yields one of them (typed <c>object</c>, so no
/// implicit conversion made it a <see cref="Future"/>) calls these before the body's first step; the
/// generator sees each <c>yield return</c>'s static type, so a trimmed or AOT-compiled program
/// (NativeAOT, IL2CPP) converts exactly what the JIT converts. Not for hand-written code: yield
/// <see cref="Future.FromValueTask{T}(ValueTask{T})"/> instead.
/// </summary>
/// <remarks>Each call after the first for the same type arguments costs one check of a static
/// class's initialization.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class YieldConversions
{
    /// <summary>A boxed <c>ValueTask&lt;T&gt;</c> is yieldable from now on, in the whole program.</summary>
    public static void ValueTask<T>() => ValueTaskRegistered<T>.Ensure();

    /// <summary>An <c>IReadOnlyDictionary&lt;TKey, TFuture&gt;</c> is yieldable from now on, in the whole program.</summary>
    public static void Dictionary<TKey, TFuture>()
        where TFuture : Future
        => DictionaryRegistered<TKey, TFuture>.Ensure();

    // An explicit static constructor (no beforefieldinit) runs exactly once, before the first call
    // of Ensure: the registration happens once per type arguments, whatever the runtime.
    private static class ValueTaskRegistered<T>
    {
        static ValueTaskRegistered() => Yieldables.RegisterValueTask<T>();

        public static void Ensure()
        {
        }
    }

    private static class DictionaryRegistered<TKey, TFuture>
        where TFuture : Future
    {
        static DictionaryRegistered() => Yieldables.RegisterDictionary<TKey, TFuture>();

        public static void Ensure()
        {
        }
    }
}

namespace Coro;

/// <summary>Futures the Runner treats specially, read from a field instead of a type test on every yield.</summary>
internal enum FutureKind : byte
{
    /// <summary>An ordinary future: wait until it is done.</summary>
    Plain,

    /// <summary>A coroutine's own future (its Runner): whoever completes it must see the body
    /// stopped, so its completion calls <see cref="Future.OnCoroutineDone"/>. Waited on like
    /// <see cref="Plain"/>.</summary>
    Coroutine,

    // Kinds from here on are not waited on: the Runner tests `Kind >= Return` once per yield.

    /// <summary><see cref="Coroutine.Return{T}"/>: finish the coroutine with this result.</summary>
    Return,

    /// <summary><see cref="Coroutine.Moment"/>: give the loop one turn.</summary>
    Moment,
}

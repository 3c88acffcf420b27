namespace Coro;

/// <summary>Futures the Runner treats specially, read from a field instead of a type test on every yield.</summary>
internal enum FutureKind : byte
{
    /// <summary>An ordinary future: wait until it is done. Its user completes it (<c>new Future()</c>),
    /// or it was done when made (<see cref="Future.FromResult{T}"/> and the like).</summary>
    Plain,

    /// <summary>A future Coro makes and completes itself (a combinator's, a timer's, a primitive's
    /// waiting future): the public completers throw (<see cref="Future.EnsureCompletedByUser"/>);
    /// <see cref="Future.Cancel"/> still ends it. Waited on like <see cref="Plain"/>.</summary>
    Owned,

    /// <summary>A coroutine's own future (its Runner): owned like <see cref="Owned"/>, ended by its
    /// body or <see cref="Future.Cancel"/>. Waited on like <see cref="Plain"/>.</summary>
    Coroutine,

    // Kinds from here on are not waited on: the Runner tests `Kind >= Return` once per yield.

    /// <summary><see cref="Coroutine.Return{T}"/>: finish the coroutine with this result. Done when
    /// made, and owned like <see cref="Owned"/>.</summary>
    Return,

    /// <summary><see cref="Coroutine.Moment"/>: give the loop one turn. Done when made, and owned
    /// like <see cref="Owned"/>.</summary>
    Moment,
}

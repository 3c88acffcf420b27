namespace Coro;

public partial class Future
{
    /// <summary>What this future stands for, in words a person reads, as
    /// <see cref="CoroutineInfo.WaitingOn"/> shows it: <c>Sleep 00:00:05</c>, <c>App.Fetch</c>,
    /// <c>Future.All of 3</c>, <c>FutureQueue.Get</c>, <c>Moment</c>, or <c>Future</c> for a plain one.</summary>
    internal virtual string Description => Kind switch
    {
        FutureKind.Moment => "Moment",
        FutureKind.Return => "Coroutine.Return",
        _ => "Future",
    };

    /// <summary>The futures this one waits on (a combinator's children, a timeout's inner future), so
    /// that <see cref="EventLoop.GetCoroutines"/> finds the coroutines behind it.</summary>
    internal virtual IEnumerable<Future> Dependencies => [];
}

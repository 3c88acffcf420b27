namespace Coro;

/// <summary>
/// <see cref="Future.Settled"/>: succeeds when the inner future completes, however it completes,
/// so a coroutine can yield it and then inspect the inner future instead of ending with its
/// failure. It does not observe the failure itself. Cancelling it cancels the inner future.
/// </summary>
internal sealed class SettledFuture : Future<NoResult>
{
    private readonly Future _inner;

    public SettledFuture(Future inner)
        : base(FutureKind.Owned)
    {
        _inner = inner;
        if (!inner.TryAddContinuation(this))
        {
            TrySucceed();
        }
    }

    internal override void OnDependencyDone(Future completed) => TrySucceed();

    internal override void OnResultAbandoned()
    {
        if (_inner.IsSucceeded)
        {
            _inner.OnResultAbandoned();
        }
    }

    private protected override void OnCanceled() => _inner.Cancel();

    internal override string Description => $"Settled of {_inner.Description}";

    internal override IEnumerable<Future> Dependencies => [_inner];
}

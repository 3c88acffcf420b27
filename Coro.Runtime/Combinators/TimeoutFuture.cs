namespace Coro;

/// <summary>
/// <see cref="Future.WithTimeout"/>: completes as the inner future does, unless the timeout passes
/// first; then it faults with <see cref="TimeoutException"/> and cancels the inner future.
/// Cancelling it cancels the inner future.
/// </summary>
internal sealed class TimeoutFuture<T> : Future<T>
{
    private static readonly Action<object?> s_expire = static state => ((TimeoutFuture<T>)state!).Expire();

    private readonly Future _inner;
    private readonly TimeSpan _timeout;
    private readonly TimerHandle _timer;

    public TimeoutFuture(Future inner, TimeSpan timeout, EventLoop loop)
        : base(FutureKind.Owned)
    {
        _inner = inner;
        _timeout = timeout;
        _timer = loop.CallLater(timeout, s_expire, this);
        if (!inner.TryAddContinuation(this))
        {
            OnDependencyDone(inner);
        }
    }

    internal override void OnDependencyDone(Future completed)
    {
        _timer.Dispose();
        TrySetOutcomeOf(completed);
    }

    private void Expire()
    {
        if (TryFail(new TimeoutException($"The future did not complete within {_timeout}; it was cancelled.")))
        {
            _inner.Cancel();
        }
    }

    internal override void OnResultAbandoned() => _inner.OnResultAbandoned();

    internal override string Description => $"WithTimeout {_timeout} of {_inner.Description}";

    internal override IEnumerable<Future> Dependencies => [_inner];

    private protected override void OnCanceled()
    {
        _timer.Dispose();
        _inner.Cancel();
    }
}

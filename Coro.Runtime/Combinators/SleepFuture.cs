namespace Coro;

/// <summary><see cref="Coroutine.Sleep"/>: a future completed by a loop timer. Cancelling it
/// disposes the timer.</summary>
internal sealed class SleepFuture : Future<NoResult>
{
    private static readonly Action<object?> s_wake = static sleep => ((SleepFuture)sleep!).TrySucceed();

    private readonly TimerHandle _timer;
    private readonly TimeSpan _delay;

    public SleepFuture(EventLoop loop, TimeSpan delay)
        : base(FutureKind.Owned)
    {
        _delay = delay;
        _timer = loop.CallLater(delay, s_wake, this);
    }

    internal override string Description => $"Sleep {_delay}";

    private protected override void OnCanceled() => _timer.Dispose();
}

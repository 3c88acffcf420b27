namespace Coro.Tests.EndToEnd;

/// <summary>A [Coroutine] with a CancellationToken parameter: cancelling the token cancels the
/// coroutine. The wrapper is generated into this test project by the real generator.</summary>
public partial class CancellationTests
{
    private readonly List<string> _log = [];

    [Fact]
    public void Cancelling_the_token_cancels_the_running_coroutine_and_runs_its_finally_block()
    {
        using var cts = new CancellationTokenSource();
        Future<int>? future = null;
        EventLoop.Run(
            () =>
            {
                future = WaitAsync(TimeSpan.FromSeconds(30), cts.Token);
                Assert.False(future.IsDone); // running: waiting on its sleep
                EventLoop.Current!.CallLater(TimeSpan.FromMilliseconds(5), cts.Cancel);
                return future.Settled();
            },
            TimeSpan.FromSeconds(10));

        Assert.True(future!.IsCanceled);
        Assert.Throws<OperationCanceledException>(() => future.Result);
        Assert.Equal(["started", "finally"], _log);
    }

    [Fact]
    public void A_token_cancelled_before_the_start_never_runs_the_body()
    {
        Future<int> future = WaitAsync(TimeSpan.Zero, new CancellationToken(canceled: true));

        Assert.True(future.IsCanceled);
        Assert.Empty(_log);
    }

    [Fact]
    public void A_token_never_cancelled_lets_the_coroutine_finish()
    {
        using var cts = new CancellationTokenSource();

        Assert.Equal(1, EventLoop.Run(() => WaitAsync(TimeSpan.FromMilliseconds(1), cts.Token)));
        Assert.Equal(["started", "slept", "finally"], _log);
    }

    [Coroutine<int>]
    private partial IEnumerable<Future> Wait(TimeSpan delay, CancellationToken token)
    {
        _log.Add("started");
        try
        {
            yield return Coroutine.Sleep(delay);
            _log.Add("slept");
        }
        finally
        {
            _log.Add("finally");
        }

        yield return Coroutine.Return(1);
    }
}

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Tornado's <c>yield [a, b]</c> in the body shape every example uses, <c>IEnumerable&lt;Future&gt;</c>:
/// an array of futures converts to <c>Future.All</c> of it, through real generated wrappers.
/// </summary>
public partial class ArrayYieldTests
{
    [Fact]
    public void A_future_body_that_yields_an_array_resumes_when_every_future_is_done()
    {
        int total = EventLoop.Run(() => SumAsync(), TimeSpan.FromSeconds(30));

        Assert.Equal(1 + 2 + 10 + 20, total);
    }

    [Fact]
    public void A_failing_future_in_a_yielded_array_ends_the_coroutine_with_its_exception()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => FailsAsync(), TimeSpan.FromSeconds(30)));

        Assert.Equal("second failed", error.Message);
    }

    [Coroutine<int>]
    private static partial IEnumerable<Future> Sum()
    {
        Future<int> a = ValueLaterAsync(1, 20);
        Future<int> b = ValueLaterAsync(2, 1);
        yield return new[] { a, b };                                   // new[] of Future<int>

        Future<int>[] more = [ValueLaterAsync(10, 5), ValueLaterAsync(20, 1)];
        yield return more;                                             // a Future<T>[] variable
        yield return Coroutine.Return(a.Result + b.Result + more[0].Result + more[1].Result);
    }

    [Coroutine]
    private static partial IEnumerable<Future> Fails()
    {
        yield return new Future[] { ValueLaterAsync(1, 30), FailLaterAsync("second failed") };
    }

    [Coroutine<int>]
    private static partial IEnumerable<Future> ValueLater(int value, int milliseconds)
    {
        yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        yield return Coroutine.Return(value);
    }

    [Coroutine]
    private static partial IEnumerable<Future> FailLater(string message)
    {
        yield return Coroutine.Moment;
        throw new InvalidOperationException(message);
    }
}

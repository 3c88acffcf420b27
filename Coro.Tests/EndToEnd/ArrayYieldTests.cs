using Coro.Tests.Runtime;

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
        Future<int> a = Delayed.ValueAsync(1, 20);
        Future<int> b = Delayed.ValueAsync(2, 1);
        yield return new[] { a, b };                                   // new[] of Future<int>

        Future<int>[] more = [Delayed.ValueAsync(10, 5), Delayed.ValueAsync(20, 1)];
        yield return more;                                             // a Future<T>[] variable
        yield return Coroutine.Return(a.Result + b.Result + more[0].Result + more[1].Result);
    }

    [Coroutine]
    private static partial IEnumerable<Future> Fails()
    {
        yield return new Future[] { Delayed.ValueAsync(1, 30), Delayed.FailureAsync("second failed", 0) };
    }
}

using System.Collections;

namespace Coro.Tests.Runtime;

public partial class HelperTests
{
    [Fact]
    public void Sleeps_run_concurrently_on_one_loop()
    {
        var woke = new List<int>();

        Loop.Run(() => Body());

        Assert.Equal([10, 30, 50], woke);

        IEnumerable Body()
        {
            yield return new[] { Nap(50), Nap(10), Nap(30) };
        }

        Future Nap(int milliseconds) => Coroutine.Start(NapBody(milliseconds));

        IEnumerable NapBody(int milliseconds)
        {
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
            woke.Add(milliseconds);
        }
    }

    [Fact]
    public void Cancelling_a_sleep_cancels_its_timer()
    {
        Future? sleep = null;

        Loop.Run(() => Body());

        Assert.True(sleep!.IsCanceled);

        IEnumerable Body()
        {
            sleep = Coroutine.Sleep(TimeSpan.FromMilliseconds(10));
            sleep.Cancel();
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(30));
        }
    }

    [Fact]
    public void Sleep_outside_a_loop_says_it_needs_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Coroutine.Sleep(TimeSpan.Zero));

        Assert.Contains("EventLoop", error.Message);
    }

    [Fact]
    public void All_gives_results_in_argument_order()
    {
        int[] results = Loop.Run<int[]>(() => Body());

        Assert.Equal([1, 2, 3], results);

        static IEnumerable Body()
        {
            Future<int[]> all = Future.All(LaterAsync(1, 30), LaterAsync(2, 10), Future.FromResult(3));
            yield return all;
            yield return Coroutine.Return(all.Result);
        }
    }

    [Fact]
    public void All_of_nothing_is_done_at_once()
    {
        Assert.True(Future.All().IsDone);
        Assert.Empty(Future.All(Array.Empty<Future<int>>()).Result);
    }

    [Fact]
    public void All_enumerates_a_lazy_sequence_exactly_once()
    {
        int enumerations = 0;

        Future all = Future.All(Sequence());

        Assert.Equal(1, enumerations);
        Assert.True(all.IsDone);

        IEnumerable<Future> Sequence()
        {
            enumerations++;
            yield return Future.Completed;
        }
    }

    [Fact]
    public void The_first_failure_of_All_wins_and_ends_it_at_once()
    {
        var first = new ApplicationException("first");
        var slow = new Future<int>();
        var failing = new Future<int>();

        Future<int[]> all = Future.All(slow, failing);
        failing.SetException(first);

        Assert.True(all.IsFaulted);
        Assert.Same(first, all.Exception);
        slow.SetException(new ApplicationException("later"));
        Assert.Same(first, all.Exception);
    }

    [Fact]
    public void Cancelling_All_cancels_its_children()
    {
        var child = new Future();

        Future all = Future.All(child, new Future());
        all.Cancel();

        Assert.True(child.IsCanceled);
    }

    [Fact]
    public void Any_gives_the_first_future_to_complete()
    {
        var slow = new Future<string>();
        var fast = new Future<string>();

        Future<Future<string>> any = Future.Any(slow, fast);
        fast.SetResult("fast");
        slow.SetResult("slow");

        Assert.Same(fast, any.Result);
        Assert.Throws<ArgumentException>(() => Future.Any(Array.Empty<Future>()));
    }

    [Fact]
    public void WithTimeout_faults_with_TimeoutException_and_cancels_the_inner_future()
    {
        var inner = new Future<int>();
        Future<int>? limited = null;

        Loop.Run(() => Body());

        Assert.IsType<TimeoutException>(limited!.Exception);
        Assert.True(inner.IsCanceled);

        IEnumerable Body()
        {
            limited = inner.WithTimeout(TimeSpan.FromMilliseconds(10));
            yield return limited.Settled();
        }
    }

    [Fact]
    public void WithTimeout_completes_as_the_inner_future_does_when_it_is_in_time()
    {
        int result = Loop.Run<int>(() => Body());

        Assert.Equal(8, result);

        static IEnumerable Body()
        {
            Future<int> limited = LaterAsync(8, 5).WithTimeout(TimeSpan.FromSeconds(10));
            yield return limited;
            yield return Coroutine.Return(limited.Result);
        }
    }

    [Fact]
    public void Settled_lets_a_coroutine_inspect_a_failure_instead_of_ending_with_it()
    {
        string outcome = Loop.Run<string>(() => Body());

        Assert.Equal("handled: nope", outcome);

        static IEnumerable Body()
        {
            var page = new Future<string>();
            EventLoop.Current!.Post(() => page.SetException(new HttpRequestException("nope")));
            yield return page.Settled();
            yield return Coroutine.Return(page.IsFaulted ? $"handled: {page.Exception!.Message}" : "no failure");
        }
    }

    [Fact]
    public void AsCompleted_yields_in_completion_order_with_already_done_ones_first_in_argument_order()
    {
        var order = new List<int>();

        Loop.Run(() => Body());

        Assert.Equal([4, 5, 2, 3, 1], order);

        IEnumerable Body()
        {
            Future<int>[] inputs = [LaterAsync(1, 60), LaterAsync(2, 10), LaterAsync(3, 30), Future.FromResult(4), Future.FromResult(5)];
            foreach (Future<int> next in Future.AsCompleted(inputs))
            {
                yield return next;
                order.Add(next.Result);
            }
        }
    }

    [Coroutine<int>]
    private static partial IEnumerable<Future> Later(int value, int milliseconds)
    {
        yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        yield return Coroutine.Return(value);
    }
}

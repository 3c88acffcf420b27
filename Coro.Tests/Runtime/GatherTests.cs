using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary><c>Future.Gather</c>: futures of different types, one tuple of results (UniTask's
/// <c>WhenAll(t1, t2)</c>).</summary>
public class GatherTests
{
    [Fact]
    public void Gather_of_two_futures_of_different_types_gives_a_tuple_in_argument_order()
    {
        string result = Loop.Run<string>(() => Body());

        Assert.Equal("ada has 3 orders", result);

        static IEnumerable<Future> Body()
        {
            Future<(string, int[])> both = Future.Gather(Delayed.ValueAsync("ada", 20), Delayed.ValueAsync(new[] { 1, 2, 3 }, 1));
            yield return both;
            var (user, orders) = both.Result;
            yield return Coroutine.Return($"{user} has {orders.Length} orders");
        }
    }

    [Fact]
    public void Gather_of_seven_futures_of_mixed_types_gives_every_result()
    {
        var result = Loop.Run<(int, string, bool, double, char, long, Guid)>(() => Body());

        Assert.Equal((1, "two", true, 4.5, 'f', 6L, Guid.Empty), result);

        static IEnumerable<Future> Body()
        {
            var all = Future.Gather(
                Delayed.ValueAsync(1, 7), Delayed.ValueAsync("two", 6), Delayed.ValueAsync(true, 5), Delayed.ValueAsync(4.5, 4),
                Delayed.ValueAsync('f', 3), Future.FromResult(6L), Delayed.ValueAsync(Guid.Empty, 1));
            yield return all;
            yield return Coroutine.Return(all.Result);
        }
    }

    [Fact]
    public void Gather_of_futures_that_are_done_is_done_at_once()
    {
        Future<(int, string, bool)> all = Future.Gather(Future.FromResult(1), Future.FromResult("a"), Future.FromResult(true));

        Assert.Equal((1, "a", true), all.Result);
    }

    [Fact]
    public void A_failing_member_ends_Gather_with_its_exception()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(() => Body()));

        Assert.Equal("no orders", error.Message);

        static IEnumerable Body()
        {
            yield return Future.Gather(Delayed.ValueAsync("ada", 30), Delayed.FailureAsync("no orders", 1));
        }
    }

    [Fact]
    public void The_first_failure_wins_and_later_ones_do_not_replace_it()
    {
        var first = new ApplicationException("first");
        var slow = new Future<string>();
        var failing = new Future<int>();

        Future<(string, int, bool)> all = Future.Gather(slow, failing, new Future<bool>());
        failing.SetException(first);

        Assert.Same(first, all.Exception);
        slow.SetException(new ApplicationException("later"));
        Assert.Same(first, all.Exception);
    }

    [Fact]
    public void Cancelling_Gather_cancels_its_futures_and_a_cancelled_member_cancels_Gather()
    {
        var first = new Future<int>();
        var second = new Future<string>();
        var member = new Future<int>();

        Future.Gather(first, second).Cancel();
        Future<(int, string)> other = Future.Gather(member, new Future<string>());
        member.Cancel();

        Assert.True(first.IsCanceled);
        Assert.True(second.IsCanceled);
        Assert.True(other.IsCanceled);
    }

    [Fact]
    public void A_cancelled_member_of_Gather_or_of_a_dictionary_All_leaves_its_siblings_running()
    {
        var member = new Future<int>();
        var sibling = new Future<string>();
        var keyed = new Future<int>();
        var keyedSibling = new Future<int>();

        Future<(int, string)> gathered = Future.Gather(member, sibling);
        Future<Dictionary<string, int>> all = Future.All(new Dictionary<string, Future<int>> { ["a"] = keyed, ["b"] = keyedSibling });
        member.Cancel();
        keyed.Cancel();

        Assert.True(gathered.IsCanceled);
        Assert.True(all.IsCanceled);
        Assert.False(sibling.IsDone, "cancelling one member of Gather cancelled its sibling");
        Assert.False(keyedSibling.IsDone, "cancelling one member of a dictionary All cancelled its sibling");
    }

    [Fact]
    public void Gather_names_the_argument_that_is_null()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Future.Gather(Future.FromResult(1), Future.FromResult(2), (Future<int>)null!));

        Assert.Equal("third", error.ParamName);
    }

    [Fact]
    public void All_of_two_futures_of_one_type_keeps_its_array_result()
    {
        Future<int> a = Future.FromResult(1);
        Future<int> b = Future.FromResult(2);

        var all = Future.All(a, b);

        // The static type, as a caller's `var` sees it: an All<T1, T2> overload would turn it into a tuple.
        Assert.Equal(typeof(Future<int[]>), StaticTypeOf(all));
        Assert.Equal([1, 2], all.Result);
    }

    private static Type StaticTypeOf<T>(T value) => typeof(T);
}

using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>
/// <c>Future.All</c> of a dictionary and a dictionary yielded by a body: Tornado's <c>multi</c> of a
/// dict (tornado/test/gen_test.py) and co's yield of an object (co's test/objects.js).
/// </summary>
public partial class DictionaryAllTests
{
    // Ported from Tornado's gen_test.py test_multi_dict: yield a dict of coroutines, get a dict of
    // their results. A body typed IEnumerable<object> yields the dictionary itself and reads each
    // result from its own future.
    [Fact]
    public void A_body_that_yields_a_dictionary_of_coroutines_resumes_when_all_are_done()
    {
        string results = Loop.Run<string>(() => Body());

        Assert.Equal("foo=2 bar=3", results);

        static IEnumerable<object> Body()
        {
            var futures = new Dictionary<string, Future<int>> { ["foo"] = AddOneAsync(1), ["bar"] = AddOneAsync(2) };
            yield return futures;
            yield return Coroutine.Return(string.Join(" ", futures.Select(pair => $"{pair.Key}={pair.Value.Result}")));
        }
    }

    // Ported from Tornado's gen_test.py test_multi_dict_future: futures that complete later, in
    // another order than the dictionary's; the result holds each under its key.
    [Fact]
    public void All_of_a_dictionary_gives_each_result_under_its_key()
    {
        Dictionary<string, int> results = Loop.Run<Dictionary<string, int>>(() => Body());

        Assert.Equal(new Dictionary<string, int> { ["foo"] = 1, ["bar"] = 2 }, results);

        static IEnumerable Body()
        {
            Future<Dictionary<string, int>> all = Future.All(new Dictionary<string, Future<int>>
            {
                ["foo"] = Delayed.ValueAsync(1, milliseconds: 20),
                ["bar"] = Delayed.ValueAsync(2, milliseconds: 1),
            });
            yield return all;
            yield return Coroutine.Return(all.Result);
        }
    }

    // Ported from co's test/objects.js "should aggregate several thunks": three operations of
    // different result types under their names, in the dictionary form without results.
    [Fact]
    public void All_of_a_dictionary_of_futures_of_several_types_waits_for_every_one()
    {
        string results = Loop.Run<string>(() => Body());

        Assert.Equal("3 index.js 42 True", results);

        static IEnumerable<Future> Body()
        {
            Future<string> a = Delayed.ValueAsync("index.js", milliseconds: 10);
            Future<int> b = Delayed.ValueAsync(42, milliseconds: 1);
            Future<bool> c = Delayed.ValueAsync(true, milliseconds: 5);
            var futures = new Dictionary<string, Future> { ["a"] = a, ["b"] = b, ["c"] = c };
            yield return Future.All(futures);
            yield return Coroutine.Return($"{futures.Count} {a.Result} {b.Result} {c.Result}");
        }
    }

    // Ported from co's test/objects.js "should noop with no args": yield {} gives {} at once.
    [Fact]
    public void All_of_an_empty_dictionary_is_done_at_once_with_an_empty_result()
    {
        Future<Dictionary<string, int>> all = Future.All(new Dictionary<string, Future<int>>());
        Future untyped = Future.All(new Dictionary<string, Future>());

        Assert.True(all.IsDone);
        Assert.Empty(all.Result);
        Assert.True(untyped.IsDone);
        Assert.False(untyped.IsFaulted);
    }

    // Ported from Tornado's gen_test.py test_multi_exceptions, in the dict form: with two failures
    // the first one is raised ("error 1"); with one failure and one success the failure is raised.
    [Fact]
    public void The_first_failure_in_a_dictionary_ends_the_coroutine_with_it()
    {
        var twoFailures = Assert.Throws<InvalidOperationException>(() => Loop.Run(() => Body(
            new Dictionary<string, Future<int>> { ["one"] = Delayed.FailureAsync("error 1", 1), ["two"] = Delayed.FailureAsync("error 2", 30) })));
        var oneFailure = Assert.Throws<InvalidOperationException>(() => Loop.Run(() => Body(
            new Dictionary<string, Future<int>> { ["one"] = Delayed.FailureAsync("error 1", 1), ["two"] = Delayed.ValueAsync(2, 1) })));

        Assert.Equal("error 1", twoFailures.Message);
        Assert.Equal("error 1", oneFailure.Message);

        static IEnumerable Body(Dictionary<string, Future<int>> futures)
        {
            yield return Future.All(futures);
        }
    }

    [Fact]
    public void The_first_failure_ends_each_dictionary_form_at_once_and_later_ones_do_not_replace_it()
    {
        var first = new ApplicationException("first");
        var slow = new Future<int>();
        var failing = new Future<int>();
        var slowUntyped = new Future();
        var failingUntyped = new Future<string>();

        Future<Dictionary<string, int>> typed = Future.All(new Dictionary<string, Future<int>> { ["slow"] = slow, ["failing"] = failing });
        Future untyped = Future.All(new Dictionary<int, Future> { [1] = slowUntyped, [2] = failingUntyped });
        failing.SetException(first);
        failingUntyped.SetException(first);

        Assert.Same(first, typed.Exception);
        Assert.Same(first, untyped.Exception);
        slow.SetException(new ApplicationException("later"));
        slowUntyped.SetException(new ApplicationException("later"));
        Assert.Same(first, typed.Exception);
        Assert.Same(first, untyped.Exception);
    }

    [Fact]
    public void A_yielded_dictionary_with_a_failing_future_ends_the_coroutine_with_that_failure()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Loop.Run(() => Body()));

        Assert.Equal("bad key", error.Message);

        static IEnumerable Body()
        {
            yield return new Dictionary<string, Future> { ["good"] = Delayed.ValueAsync(1, 30), ["bad"] = Delayed.FailureAsync("bad key", 1) };
        }
    }

    [Fact]
    public void Cancelling_All_of_a_dictionary_cancels_its_futures()
    {
        var child = new Future<int>();

        Future<Dictionary<string, int>> all = Future.All(new Dictionary<string, Future<int>> { ["a"] = child, ["b"] = new Future<int>() });
        all.Cancel();

        Assert.True(child.IsCanceled);
    }

    [Fact]
    public void A_cancelled_future_in_a_dictionary_cancels_All_of_it()
    {
        var child = new Future<int>();

        Future<Dictionary<string, int>> all = Future.All(new Dictionary<string, Future<int>> { ["a"] = child, ["b"] = new Future<int>() });
        child.Cancel();

        Assert.True(all.IsCanceled);
    }

    [Fact]
    public void The_result_keeps_the_comparer_of_the_dictionary()
    {
        var futures = new Dictionary<string, Future<int>>(StringComparer.OrdinalIgnoreCase) { ["User"] = Future.FromResult(7) };

        Dictionary<string, int> results = Future.All(futures).Result;

        Assert.Equal(7, results["user"]);
    }

    [Fact]
    public void A_dictionary_that_holds_a_null_is_refused_with_its_key()
    {
        var error = Assert.Throws<ArgumentException>(() => Future.All(new Dictionary<string, Future<int>> { ["missing"] = null! }));

        Assert.Contains("'missing'", error.Message);
        Assert.Throws<ArgumentNullException>(() => Future.All((IReadOnlyDictionary<string, Future>)null!));
    }

    [Fact]
    public void A_body_may_yield_any_read_only_dictionary_of_futures()
    {
        int result = Loop.Run<int>(() => Body());

        Assert.Equal(3, result);

        static IEnumerable Body()
        {
            Future<int> one = Delayed.ValueAsync(1, 10);
            Future<int> two = Delayed.ValueAsync(2, 1);
            yield return new System.Collections.ObjectModel.ReadOnlyDictionary<int, Future<int>>(new Dictionary<int, Future<int>> { [1] = one, [2] = two });
            yield return Coroutine.Return(one.Result + two.Result);
        }
    }

    [Fact]
    public void A_dictionary_of_other_values_is_still_a_bad_yield()
    {
        var error = Assert.Throws<BadYieldException>(() => Loop.Run(() => Body()));

        Assert.Contains("Dictionary", error.Message);

        static IEnumerable Body()
        {
            yield return new Dictionary<string, int> { ["a"] = 1 };
        }
    }

    [Coroutine<int>]
    private static partial IEnumerable<Future> AddOne(int value)
    {
        yield return Coroutine.Moment;
        yield return Coroutine.Return(value + 1);
    }
}

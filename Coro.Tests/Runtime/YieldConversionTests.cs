using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Coro.Tests.Runtime;

/// <summary>
/// What the Runner converts without reflection (docs/semantics.md, "What a body may yield"): the two
/// shapes a type test cannot match, a boxed ValueTask&lt;T&gt; and a read-only dictionary of futures,
/// convert when a [Coroutine] body yields them (its wrapper registers them); a dictionary nobody
/// registered is read through IDictionary; anything else is a BadYieldException that says what to do.
/// </summary>
public partial class YieldConversionTests
{
    [Fact]
    public void A_boxed_ValueTask_of_a_type_no_coroutine_yields_is_a_BadYieldException_saying_what_to_yield()
    {
        var error = Assert.Throws<BadYieldException>(() => Loop.Run(() => Body()));

        Assert.Contains(typeof(ValueTask<NeverYielded>).ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("Future.FromValueTask(value)", error.Message, StringComparison.Ordinal);

        static IEnumerable Body()
        {
            yield return new ValueTask<NeverYielded>(Task.FromResult(new NeverYielded()));
        }
    }

    [Fact]
    public void A_boxed_ValueTask_yielded_by_a_coroutine_body_converts_and_gives_its_result()
    {
        var source = new TaskCompletionSource<Registered>();

        Registered result = EventLoop.Run(() =>
        {
            Future<Registered> future = YieldsValueTaskAsync(new ValueTask<Registered>(source.Task));
            EventLoop.Current!.CallLater(TimeSpan.Zero, () => source.SetResult(new Registered(7)));
            return future;
        }, Loop.Timeout);

        Assert.Equal(7, result.Value);
    }

    [Fact]
    public void A_dictionary_nobody_registered_is_read_through_IDictionary()
    {
        int sum = Loop.Run<int>(() => Body());

        Assert.Equal(3, sum);

        static IEnumerable Body()
        {
            var one = Future.FromResult(1);
            var two = Future.FromResult(2);
            yield return new SortedDictionary<NeverYielded, Future<int>> { [new NeverYielded(1)] = one, [new NeverYielded(2)] = two };
            yield return Coroutine.Return(one.Result + two.Result);
        }
    }

    [Fact]
    public void A_read_only_dictionary_that_is_no_IDictionary_converts_when_a_coroutine_body_yields_it()
    {
        var slow = new TaskCompletionSource<int>();

        int sum = EventLoop.Run(() =>
        {
            Future<int> future = YieldsReadOnlyDictionaryAsync(Future.FromTask(slow.Task));
            EventLoop.Current!.CallLater(TimeSpan.Zero, () => slow.SetResult(40));
            return future;
        }, Loop.Timeout);

        Assert.Equal(42, sum);
    }

    [Fact]
    public void The_same_read_only_dictionary_from_a_body_no_generator_saw_is_a_BadYieldException()
    {
        var error = Assert.Throws<BadYieldException>(() => Loop.Run(() => Body()));

        Assert.Contains(nameof(OnlyReadOnly<int, Future>), error.Message, StringComparison.Ordinal);

        static IEnumerable Body()
        {
            yield return new OnlyReadOnly<NeverYielded, Future<long>>(new Dictionary<NeverYielded, Future<long>> { [default] = Future.FromResult(1L) });
        }
    }

    [Coroutine(ResultType = "Registered")]
    private static partial IEnumerable<object> YieldsValueTask(ValueTask<Registered> value)
    {
        yield return value;
        yield return Coroutine.Return(value.Result);
    }

    [Coroutine<int>]
    private static partial IEnumerable<object> YieldsReadOnlyDictionary(Future<int> slow)
    {
        var two = Future.FromResult(2);
        yield return new OnlyReadOnly<string, Future<int>>(new Dictionary<string, Future<int>> { ["slow"] = slow, ["two"] = two });
        yield return Coroutine.Return(slow.Result + two.Result);
    }

    /// <summary>A type no [Coroutine] body yields a ValueTask or dictionary of.</summary>
    private readonly record struct NeverYielded(int Value) : IComparable<NeverYielded>
    {
        public int CompareTo(NeverYielded other) => Value.CompareTo(other.Value);
    }

    public readonly record struct Registered(int Value);

    /// <summary>An IReadOnlyDictionary and nothing more: not the non-generic IDictionary.</summary>
    private sealed class OnlyReadOnly<TKey, TValue>(Dictionary<TKey, TValue> inner) : IReadOnlyDictionary<TKey, TValue>
        where TKey : notnull
    {
        public TValue this[TKey key] => inner[key];

        public IEnumerable<TKey> Keys => inner.Keys;

        public IEnumerable<TValue> Values => inner.Values;

        public int Count => inner.Count;

        public bool ContainsKey(TKey key) => inner.ContainsKey(key);

        public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => inner.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

public class CORO001YieldNonFutureAnalyzerTests
{
    private static Task Verify(string source) => CoroVerifier.VerifyAnalyzerAsync<CORO001YieldNonFutureAnalyzer>(source);

    // Positive cases: the body yields something the Runner rejects.

    [Fact]
    public Task Yielding_an_int_from_an_object_body_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<object> M();
            public partial IEnumerable<object> M()
            {
                yield return {|CORO001:42|};
            }
        }
        """);

    [Fact]
    public Task Yielding_a_string_from_a_non_generic_body_is_reported() => Verify("""
        partial class C
        {
            [Coroutine<int>]
            public static partial IEnumerable M(string s);
            public static partial IEnumerable M(string s)
            {
                if (s.Length > 0)
                {
                    yield return {|CORO001:s|};
                }
            }
        }
        """);

    [Fact]
    public Task Yielding_a_list_of_ints_in_a_loop_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerator<object> M();
            public partial IEnumerator<object> M()
            {
                for (int i = 0; i < 3; i++)
                {
                    yield return {|CORO001:new List<int> { i }|};
                }
            }
        }
        """);

    [Fact]
    public Task Yielding_valuetask_collections_is_reported_because_the_runner_only_joins_futures_and_tasks() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<object> M(ValueTask a, IEnumerable<ValueTask<int>> many);
            public partial IEnumerable<object> M(ValueTask a, IEnumerable<ValueTask<int>> many)
            {
                yield return {|CORO001:new[] { a }|};
                yield return {|CORO001:many|};
            }
        }
        """);

    [Fact]
    public Task Yielding_a_user_type_from_a_generic_coroutine_in_a_struct_is_reported() => Verify("""
        sealed class Token { }
        partial struct S<T>
        {
            [Coroutine]
            public partial IEnumerable<object> M(Token token);
            public partial IEnumerable<object> M(Token token)
            {
                yield return null;
                yield return {|CORO001:token|};
                yield return {|CORO001:(1, 2)|};
            }
        }
        """);

    [Fact]
    public Task Yielding_a_value_constrained_to_a_non_future_type_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<object> M<T>(T value) where T : IComparable;
            public partial IEnumerable<object> M<T>(T value) where T : IComparable
            {
                yield return {|CORO001:value|};
            }
        }
        """);

    [Fact]
    public Task A_non_future_in_a_future_body_is_reported_beside_the_compiler_error() => Verify("""
        partial class C
        {
            [Coroutine<int>]
            public partial IEnumerable<Future> M();
            public partial IEnumerable<Future> M()
            {
                yield return {|CORO001:{|CS0029:42|}|};
            }
        }
        """);

    [Fact]
    public Task Dictionaries_of_non_futures_or_of_tasks_are_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<object> M(Dictionary<string, int> counts, IReadOnlyDictionary<string, Task> tasks, IDictionary<string, Future> writable);
            public partial IEnumerable<object> M(Dictionary<string, int> counts, IReadOnlyDictionary<string, Task> tasks, IDictionary<string, Future> writable)
            {
                yield return {|CORO001:counts|};
                yield return {|CORO001:tasks|};
                yield return {|CORO001:writable|};
            }
        }
        """);

    // Negative cases: every yieldable of docs/semantics.md, and code that is not a coroutine body.

    [Fact]
    public Task Every_yieldable_of_the_design_is_accepted() => Verify("""
        partial class C
        {
            [Coroutine<int>]
            public partial IEnumerable<object> M(Future f, Future<int> g, Task t, Task<string> ts, ValueTask v, ValueTask<int> vi, ValueTask? nv);
            public partial IEnumerable<object> M(Future f, Future<int> g, Task t, Task<string> ts, ValueTask v, ValueTask<int> vi, ValueTask? nv)
            {
                yield return f;
                yield return g;
                yield return t;
                yield return ts;
                yield return v;
                yield return vi;
                yield return nv;
                yield return null;
                yield return Coroutine.Moment;
                yield return new[] { f, g };
                yield return new Task[] { t, ts };
                yield return new List<Future> { f };
                yield return new List<Task<string>> { ts };
                yield return Future.All(f, g);
                yield return f.Settled();
                yield return Coroutine.Return(1);
            }
        }
        """);

    [Fact]
    public Task Read_only_dictionaries_of_futures_and_types_that_implement_them_are_accepted() => Verify("""
        sealed class Named : IReadOnlyDictionary<string, Future<int>>
        {
            private readonly Dictionary<string, Future<int>> _inner = new();
            public Future<int> this[string key] => _inner[key];
            public IEnumerable<string> Keys => _inner.Keys;
            public IEnumerable<Future<int>> Values => _inner.Values;
            public int Count => _inner.Count;
            public bool ContainsKey(string key) => _inner.ContainsKey(key);
            public bool TryGetValue(string key, out Future<int> value) => _inner.TryGetValue(key, out value!);
            public IEnumerator<KeyValuePair<string, Future<int>>> GetEnumerator() => _inner.GetEnumerator();
            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
        }

        partial class C
        {
            [Coroutine]
            public partial IEnumerable<object> M(IReadOnlyDictionary<string, Future<int>> typed, IReadOnlyDictionary<int, Future> untyped, Named named);
            public partial IEnumerable<object> M(IReadOnlyDictionary<string, Future<int>> typed, IReadOnlyDictionary<int, Future> untyped, Named named)
            {
                yield return typed;
                yield return untyped;
                yield return named;
                yield return new Dictionary<string, Future<int>> { ["a"] = Future.FromResult(1) };
                yield return new SortedDictionary<int, Future> { [1] = Future.Completed };
                yield return Future.All(typed);
                yield return Future.Gather(Future.FromResult(1), Future.FromResult("two"));
            }
        }
        """);

    [Fact]
    public Task Future_typed_bodies_yield_arrays_of_futures_through_the_implicit_conversion() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(Future<int> a, Future<int> b, Future<int>[] many, Future[] mixed);
            public partial IEnumerable<Future> M(Future<int> a, Future<int> b, Future<int>[] many, Future[] mixed)
            {
                yield return new[] { a, b };
                yield return many;
                yield return mixed;
                yield return new Future[] { a, Future.Completed };
            }
        }
        """);

    [Fact]
    public Task Future_typed_bodies_yield_tasks_through_the_implicit_conversion() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(Task t, ValueTask v);
            public partial IEnumerable<Future> M(Task t, ValueTask v)
            {
                yield return t;
                yield return v;
                yield return Task.Delay(1);
                yield return null!;
            }
        }
        """);

    [Fact]
    public Task Local_functions_and_lambdas_inside_a_coroutine_are_not_its_body() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<object> M();
            public partial IEnumerable<object> M()
            {
                IEnumerable<object> Numbers()
                {
                    yield return 1;
                    yield return "two";
                }

                Func<IEnumerable<object>> lazy = () => Numbers();
                yield return Coroutine.Start(Numbers());
                yield return Coroutine.Start(lazy());
            }
        }
        """);

    [Fact]
    public Task A_plain_iterator_without_the_attribute_is_not_analyzed() => Verify("""
        class C
        {
            public IEnumerable<object> M()
            {
                yield return 42;
                yield return "text";
            }
        }
        """);

    [Fact]
    public Task Values_whose_static_type_can_hold_a_future_are_accepted() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<object> M<T, TFuture>(object o, dynamic d, T t, TFuture f) where TFuture : Future;
            public partial IEnumerable<object> M<T, TFuture>(object o, dynamic d, T t, TFuture f) where TFuture : Future
            {
                yield return o;
                yield return d;
                yield return t;
                yield return f;
            }
        }
        """);
}

using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

public class CORO004InvalidCoroutineAnalyzerTests
{
    private static Task Verify(string source) => CoroVerifier.VerifyAnalyzerAsync<CORO004InvalidCoroutineAnalyzer>(source);

    // Positive cases.

    [Fact]
    public Task A_ResultType_that_names_no_type_is_reported() => Verify("""
        partial class C
        {
            [Coroutine(ResultType = "List<TMissing>")]
            public partial IEnumerable<Future> M<T>();
            public partial IEnumerable<Future> {|CORO004:M|}<T>()
            {
                yield break;
            }

            [Coroutine(ResultType = "int int")]
            public partial IEnumerable<Future> N();
            public partial IEnumerable<Future> {|CORO004:N|}()
            {
                yield break;
            }
        }
        """);

    [Fact]
    public Task A_method_without_yield_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M();
            public partial IEnumerable<Future> {|CORO004:M|}()
            {
                return new List<Future>();
            }
        }
        """);

    [Fact]
    public Task A_method_that_returns_a_future_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial Future M();
            public partial Future {|CORO004:M|}() => Future.Completed;
        }
        """);

    [Fact]
    public Task An_async_method_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial Task M();
            public async partial Task {|CORO004:{|CORO004:M|}|}()
            {
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_method_that_is_not_partial_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public IEnumerable<Future> {|CORO004:M|}()
            {
                yield break;
            }
        }
        """);

    [Fact]
    public Task A_method_in_a_type_that_is_not_partial_is_reported() => Verify("""
        class Outer
        {
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> {|CORO004:M|}()
                {
                    yield break;
                }
            }
        }
        """);

    [Fact]
    public Task A_taken_wrapper_name_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(int x);
            public partial IEnumerable<Future> {|CORO004:M|}(int x)
            {
                yield break;
            }

            public Future MAsync(int y) => Future.Completed;
        }

        partial class D
        {
            [Coroutine]
            public partial IEnumerable<Future> N();
            public partial IEnumerable<Future> {|CORO004:N|}()
            {
                yield break;
            }

            public int NAsync { get; set; }
        }
        """);

    [Fact]
    public Task An_abstract_or_interface_method_is_reported() => Verify("""
        abstract partial class C
        {
            [Coroutine]
            public abstract IEnumerable<Future> {|CORO004:{|CORO004:M|}|}();
        }
        """);

    // Negative cases.

    [Fact]
    public Task The_shapes_of_the_design_are_accepted() => Verify("""
        static partial class Outer
        {
            partial struct S<T> where T : class
            {
                [Coroutine<string>]
                public static partial IEnumerator<object> M(T value, int count = 1);
                public static partial IEnumerator<object> M(T value, int count)
                {
                    yield return Coroutine.Return(value.ToString());
                }

                [Coroutine]
                internal partial IEnumerable N<U>(U u);
                internal partial IEnumerable N<U>(U u)
                {
                    yield break;
                }
            }

            [Coroutine]
            public static partial IEnumerable<Future> Ext(this string s);
            public static partial IEnumerable<Future> Ext(this string s)
            {
                yield return null!;
            }
        }

        partial record R
        {
            [Coroutine]
            private partial IEnumerator M();
            private partial IEnumerator M()
            {
                yield break;
            }
        }
        """);

    [Fact]
    public Task The_generated_wrapper_and_overloads_do_not_take_the_name() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(int x);
            public partial IEnumerable<Future> M(int x)
            {
                yield break;
            }

            [GeneratedCode("Coro.Generators", "1.0")]
            public Future MAsync(int x) => Future.Completed;

            public Future MAsync(string other) => Future.Completed;
        }
        """);

    [Fact]
    public Task Methods_without_the_attribute_are_not_analyzed() => Verify("""
        class C
        {
            public IEnumerable<Future> M() => new List<Future>();
            public async Task N() => await Task.Yield();
            public IEnumerable<Future> MAsync() { yield break; }
        }
        """);

    [Fact]
    public Task Yields_in_lambdas_or_local_functions_do_not_count_but_the_body_yield_does() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M();
            public partial IEnumerable<Future> M()
            {
                IEnumerable<Future> Local() { yield break; }
                foreach (var f in Local())
                {
                    yield return f;
                }
            }
        }
        """);

    [Fact]
    public Task Non_generic_iterator_shapes_are_accepted() => Verify("""
        partial class C
        {
            [Coroutine<string>]
            public partial IEnumerator M();
            public partial IEnumerator M()
            {
                yield return Coroutine.Return("x");
            }
        }
        """);
}

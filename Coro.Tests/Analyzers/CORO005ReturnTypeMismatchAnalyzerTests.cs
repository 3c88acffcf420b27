using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

public class CORO005ReturnTypeMismatchAnalyzerTests
{
    private static Task Verify(string attribute, string body) => CoroVerifier.VerifyAnalyzerAsync<CORO005ReturnTypeMismatchAnalyzer>($$"""
        partial class C
        {
            {{attribute}}
            public partial IEnumerable<Future> M(bool b);
            public partial IEnumerable<Future> M(bool b)
            {
        {{body}}
            }
        }
        """);

    // Positive cases.

    [Fact]
    public Task A_value_that_does_not_convert_to_a_named_ResultType_is_reported() => CoroVerifier.VerifyAnalyzerAsync<CORO005ReturnTypeMismatchAnalyzer>("""
        partial class C
        {
            [Coroutine(ResultType = "List<T>")]
            public partial IEnumerable<Future> M<T>(T item);
            public partial IEnumerable<Future> M<T>(T item)
            {
                yield return {|CORO005:Coroutine.Return(item)|};
            }
        }
        """);

    [Fact]
    public Task A_value_of_the_named_ResultType_is_accepted() => CoroVerifier.VerifyAnalyzerAsync<CORO005ReturnTypeMismatchAnalyzer>("""
        partial class C
        {
            [Coroutine(ResultType = "List<T>")]
            public partial IEnumerable<Future> M<T>(T item);
            public partial IEnumerable<Future> M<T>(T item)
            {
                yield return Coroutine.Return(new List<T> { item });
            }
        }
        """);

    [Fact]
    public Task A_string_in_an_int_coroutine_is_reported() => Verify("[Coroutine<int>]", """
                yield return {|CORO005:Coroutine.Return("text")|};
        """);

    [Fact]
    public Task A_result_in_a_coroutine_without_result_type_is_reported() => Verify("[Coroutine]", """
                yield return {|CORO005:Coroutine.Return(42)|};
        """);

    [Fact]
    public Task Narrowing_conversions_are_reported() => Verify("[Coroutine<int>]", """
                if (b)
                {
                    yield return {|CORO005:Coroutine.Return(4L)|};
                }

                yield return {|CORO005:Coroutine.Return(1.5)|};
        """);

    [Fact]
    public Task User_defined_conversions_are_reported_because_the_runner_cannot_apply_them() => CoroVerifier.VerifyAnalyzerAsync<CORO005ReturnTypeMismatchAnalyzer>("""
        readonly struct Meters
        {
            public static implicit operator Meters(int value) => default;
        }

        partial class C
        {
            [Coroutine<Meters>]
            public partial IEnumerable<Future> M();
            public partial IEnumerable<Future> M()
            {
                yield return {|CORO005:Coroutine.Return(3)|};
            }
        }
        """);

    [Fact]
    public Task A_return_not_directly_yielded_is_still_checked() => Verify("[Coroutine<string>]", """
                var done = {|CORO005:Coroutine.Return(new object())|};
                yield return done;
        """);

    [Fact]
    public Task An_explicit_type_argument_is_checked() => Verify("[Coroutine<List<int>>]", """
                yield return {|CORO005:Coroutine.Return<IEnumerable<int>>(new List<int>())|};
        """);

    // Negative cases.

    [Fact]
    public Task Matching_and_implicitly_converting_values_are_accepted() => Verify("[Coroutine<long>]", """
                if (b)
                {
                    yield return Coroutine.Return(1);
                }

                yield return Coroutine.Return(2L);
        """);

    [Fact]
    public Task Reference_conversions_and_null_are_accepted() => Verify("[Coroutine<IEnumerable<int>>]", """
                if (b)
                {
                    yield return Coroutine.Return(new List<int>());
                }

                yield return Coroutine.Return<IEnumerable<int>>(null!);
        """);

    [Fact]
    public Task Lambdas_and_local_functions_have_their_own_result() => Verify("[Coroutine]", """
                IEnumerable<Future> Inner()
                {
                    yield return Coroutine.Return("inner");
                }

                Func<Future> f = () => Coroutine.Return(1);
                yield return Coroutine.Start<string>(Inner());
                yield return f();
        """);

    [Fact]
    public Task Code_outside_coroutines_is_not_analyzed() => CoroVerifier.VerifyAnalyzerAsync<CORO005ReturnTypeMismatchAnalyzer>("""
        class C
        {
            public IEnumerable<Future> M()
            {
                yield return Coroutine.Return("x");
            }

            public Future N() => Coroutine.Return(1);
        }
        """);

    [Fact]
    public Task An_object_result_accepts_anything_boxed_or_not() => Verify("[Coroutine<object>]", """
                if (b)
                {
                    yield return Coroutine.Return(1);
                }

                yield return Coroutine.Return("text");
        """);
}

using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;

namespace Coro.Tests.CodeFixes;

public class CORO005ReturnTypeMismatchCodeFixTests
{
    [Fact]
    public Task The_attribute_gets_the_returned_type_including_fix_all() =>
        CoroVerifier.VerifyFixAsync<CORO005ReturnTypeMismatchAnalyzer, CORO005ReturnTypeMismatchCodeFix>("""
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    yield return {|CORO005:Coroutine.Return(42)|};
                }

                [Coro.Coroutine<int>]
                public partial IEnumerable<Future> N();
                public partial IEnumerable<Future> N()
                {
                    yield return {|CORO005:Coroutine.Return(new List<string>())|};
                }
            }
            """, """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    yield return Coroutine.Return(42);
                }

                [Coro.Coroutine<List<string>>]
                public partial IEnumerable<Future> N();
                public partial IEnumerable<Future> N()
                {
                    yield return Coroutine.Return(new List<string>());
                }
            }
            """);

    [Fact]
    public Task A_type_that_uses_type_parameters_goes_into_ResultType() =>
        CoroVerifier.VerifyFixAsync<CORO005ReturnTypeMismatchAnalyzer, CORO005ReturnTypeMismatchCodeFix>("""
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M<T>(T item);
                public partial IEnumerable<Future> M<T>(T item)
                {
                    yield return {|CORO005:Coroutine.Return(new List<T> { item })|};
                }
            }
            """, """
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
}

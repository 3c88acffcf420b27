using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;

namespace Coro.Tests.CodeFixes;

public class CORO001YieldNonFutureCodeFixTests
{
    [Fact]
    public Task Values_of_the_result_type_are_wrapped_in_Coroutine_Return_including_fix_all() =>
        CoroVerifier.VerifyFixAsync<CORO001YieldNonFutureAnalyzer, CORO001YieldNonFutureCodeFix>("""
            partial class C
            {
                [Coroutine<long>]
                public partial IEnumerable<object> M(bool b);
                public partial IEnumerable<object> M(bool b)
                {
                    yield return null;
                    if (b)
                    {
                        yield return {|CORO001:1|};
                    }

                    yield return {|CORO001:2L|}; // the end
                }
            }
            """, """
            partial class C
            {
                [Coroutine<long>]
                public partial IEnumerable<object> M(bool b);
                public partial IEnumerable<object> M(bool b)
                {
                    yield return null;
                    if (b)
                    {
                        yield return Coroutine.Return(1);
                    }

                    yield return Coroutine.Return(2L); // the end
                }
            }
            """);

    [Fact]
    public Task No_fix_is_offered_without_a_matching_result_type() =>
        CoroVerifier.VerifyFixAsync<CORO001YieldNonFutureAnalyzer, CORO001YieldNonFutureCodeFix>("""
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<object> M();
                public partial IEnumerable<object> M()
                {
                    yield return {|CORO001:"text"|};
                }
            }
            """, """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<object> M();
                public partial IEnumerable<object> M()
                {
                    yield return {|CORO001:"text"|};
                }
            }
            """);
}

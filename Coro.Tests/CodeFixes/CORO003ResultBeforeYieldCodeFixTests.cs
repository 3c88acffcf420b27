using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;

namespace Coro.Tests.CodeFixes;

public class CORO003ResultBeforeYieldCodeFixTests
{
    [Fact]
    public Task The_fix_inserts_a_yield_before_the_read_including_fix_all() =>
        CoroVerifier.VerifyFixAsync<CORO003ResultBeforeYieldAnalyzer, CORO003ResultBeforeYieldCodeFix>("""
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(bool b);
                public partial IEnumerable<Future> M(bool b)
                {
                    var f = Future.FromResult(1);
                    var g = Future.FromResult(2);
                    if (b)
                    {
                        Console.WriteLine({|CORO003:f.Result|});
                    }

                    int sum = {|CORO003:f.Result|} + {|CORO003:g.Result|};
                    yield return Coroutine.Return(sum);
                }
            }
            """, """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(bool b);
                public partial IEnumerable<Future> M(bool b)
                {
                    var f = Future.FromResult(1);
                    var g = Future.FromResult(2);
                    if (b)
                    {
                        yield return f;
                        Console.WriteLine(f.Result);
                    }

                    yield return f;
                    yield return g;
                    int sum = f.Result + g.Result;
                    yield return Coroutine.Return(sum);
                }
            }
            """);

    [Fact]
    public Task No_fix_inside_a_try_with_a_catch_where_yield_is_not_allowed() =>
        CoroVerifier.VerifyFixAsync<CORO003ResultBeforeYieldAnalyzer, CORO003ResultBeforeYieldCodeFix>("""
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    var f = Future.FromResult(1);
                    try
                    {
                        Console.WriteLine({|CORO003:f.Result|});
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    yield break;
                }
            }
            """, """
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    var f = Future.FromResult(1);
                    try
                    {
                        Console.WriteLine({|CORO003:f.Result|});
                    }
                    catch (InvalidOperationException)
                    {
                    }

                    yield break;
                }
            }
            """);
}

using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;

namespace Coro.Tests.CodeFixes;

public class CORO007UnreachableAfterReturnCodeFixTests
{
    [Fact]
    public Task Statements_after_the_return_are_removed_including_fix_all() =>
        CoroVerifier.VerifyFixAsync<CORO007UnreachableAfterReturnAnalyzer, CORO007UnreachableAfterReturnCodeFix>("""
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(bool b);
                public partial IEnumerable<Future> M(bool b)
                {
                    if (b)
                    {
                        yield return Coroutine.Return(1);
                        {|CORO007:Console.WriteLine("never");|}
                    }

                    yield return Coroutine.Return(2);
                    {|CORO007:Console.WriteLine("never");
                    yield break;|}
                    int Local() => 3;
                }
            }
            """, """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(bool b);
                public partial IEnumerable<Future> M(bool b)
                {
                    if (b)
                    {
                        yield return Coroutine.Return(1);
                    }

                    yield return Coroutine.Return(2);
                    int Local() => 3;
                }
            }
            """);

    [Fact]
    public Task The_fix_keeps_a_yield_break_right_after_the_return() =>
        CoroVerifier.VerifyFixAsync<CORO007UnreachableAfterReturnAnalyzer, CORO007UnreachableAfterReturnCodeFix>("""
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(bool b);
                public partial IEnumerable<Future> M(bool b)
                {
                    yield return Coroutine.Return(2);
                    yield break;
                    {|CORO007:Console.WriteLine("never");|}
                }
            }
            """, """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(bool b);
                public partial IEnumerable<Future> M(bool b)
                {
                    yield return Coroutine.Return(2);
                    yield break;
                }
            }
            """);

    [Fact]
    public Task Statements_after_the_return_in_a_switch_section_are_removed_but_the_final_jump_stays() =>
        CoroVerifier.VerifyFixAsync<CORO007UnreachableAfterReturnAnalyzer, CORO007UnreachableAfterReturnCodeFix>("""
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(int k);
                public partial IEnumerable<Future> M(int k)
                {
                    switch (k)
                    {
                        case 1:
                            yield return Coroutine.Return(1);
                            {|CORO007:k++;|}
                            break;
                        default:
                            yield return Coroutine.Return(2);
                            {|CORO007:Console.WriteLine(k);
                            k--;|}
                            goto case 1;
                    }
                }
            }
            """, """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M(int k);
                public partial IEnumerable<Future> M(int k)
                {
                    switch (k)
                    {
                        case 1:
                            yield return Coroutine.Return(1);
                            break;
                        default:
                            yield return Coroutine.Return(2);
                            goto case 1;
                    }
                }
            }
            """);
}

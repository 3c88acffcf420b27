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
}

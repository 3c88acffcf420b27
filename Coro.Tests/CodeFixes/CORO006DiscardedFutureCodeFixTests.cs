using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;

namespace Coro.Tests.CodeFixes;

public class CORO006DiscardedFutureCodeFixTests
{
    private const string Fetch = CORO006DiscardedFutureAnalyzerTests.Fetch;

    [Fact]
    public Task Discarded_futures_are_yielded_and_bodies_replaced_by_wrappers_including_fix_all() =>
        CoroVerifier.VerifyFixAsync<CORO006DiscardedFutureAnalyzer, CORO006DiscardedFutureCodeFix>(Fetch + """
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<object> M(Spider spider);
                public partial IEnumerable<object> M(Spider spider)
                {
                    {|CORO006:spider.FetchAsync("a")|}; // first
                    yield return {|CORO006:spider.Fetch("b")|};
                    {|CORO006:Spider.Tick()|};
                }
            }
            """, Fetch + """
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<object> M(Spider spider);
                public partial IEnumerable<object> M(Spider spider)
                {
                    yield return spider.FetchAsync("a"); // first
                    yield return spider.FetchAsync("b");
                    yield return Spider.TickAsync();
                }
            }
            """);

    [Fact]
    public Task No_fix_outside_a_coroutine_body() =>
        CoroVerifier.VerifyFixAsync<CORO006DiscardedFutureAnalyzer, CORO006DiscardedFutureCodeFix>(Fetch + """
            class C
            {
                public void M(Spider spider)
                {
                    {|CORO006:spider.FetchAsync("a")|};
                }
            }
            """, Fetch + """
            class C
            {
                public void M(Spider spider)
                {
                    {|CORO006:spider.FetchAsync("a")|};
                }
            }
            """);
}

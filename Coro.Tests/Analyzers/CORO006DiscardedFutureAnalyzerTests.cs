using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

public class CORO006DiscardedFutureAnalyzerTests
{
    /// <summary>A coroutine with the wrapper the generator would add, written by hand.</summary>
    internal const string Fetch = """
        partial class Spider
        {
            [Coroutine<string>]
            public partial IEnumerable<Future> Fetch(string url);
            public partial IEnumerable<Future> Fetch(string url)
            {
                yield return Coroutine.Return(url);
            }

            [GeneratedCode("Coro.Generators", "1.0")]
            public Future<string> FetchAsync(string url) => default!;

            [Coroutine]
            public static partial IEnumerable<Future> Tick();
            public static partial IEnumerable<Future> Tick()
            {
                yield break;
            }

            [GeneratedCode("Coro.Generators", "1.0")]
            public static Future TickAsync() => default!;
        }

        """;

    private static Task Verify(string source) => CoroVerifier.VerifyAnalyzerAsync<CORO006DiscardedFutureAnalyzer>(Fetch + source);

    // Positive cases.

    [Fact]
    public Task Discarding_a_wrapper_future_in_a_coroutine_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(Spider spider);
            public partial IEnumerable<Future> M(Spider spider)
            {
                {|CORO006:spider.FetchAsync("a")|};
                {|CORO006:Spider.TickAsync()|};
                yield break;
            }
        }
        """);

    [Fact]
    public Task Discarding_a_wrapper_future_outside_coroutines_is_reported() => Verify("""
        class C
        {
            public void M(Spider spider)
            {
                {|CORO006:spider.FetchAsync("a")|};
                Action later = () => {|CORO006:Spider.TickAsync()|};
            }
        }
        """);

    [Fact]
    public Task Calling_a_body_directly_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(Spider spider);
            public partial IEnumerable<Future> M(Spider spider)
            {
                yield return Future.All({|CORO006:spider.Fetch("a")|});
                {|CORO006:Spider.Tick()|};
            }
        }
        """);

    [Fact]
    public Task Enumerating_a_body_outside_coroutines_is_reported() => Verify("""
        class C
        {
            public int M(Spider spider)
            {
                int n = 0;
                foreach (var f in {|CORO006:spider.Fetch("a")|})
                {
                    n++;
                }

                return n;
            }
        }
        """);

    [Fact]
    public Task Calling_a_body_from_a_lambda_inside_a_coroutine_is_reported() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M();
            public partial IEnumerable<Future> M()
            {
                Func<IEnumerable<Future>> body = () => {|CORO006:Spider.Tick()|};
                yield return Coroutine.Start(body());
            }
        }
        """);

    // Negative cases.

    [Fact]
    public Task Yielded_or_kept_futures_are_accepted() => Verify("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(Spider spider);
            public partial IEnumerable<Future> M(Spider spider)
            {
                yield return spider.FetchAsync("a");
                var kept = Spider.TickAsync();
                yield return kept;
                _ = Spider.TickAsync();
            }
        }
        """);

    [Fact]
    public Task Passing_a_body_to_Coroutine_Start_is_legitimate() => Verify("""
        class C
        {
            public Future M(Spider spider)
            {
                var a = Coroutine.Start<string>(spider.Fetch("a"));
                var b = Coroutine.Start(Spider.Tick().GetEnumerator());
                return Future.All(a, b);
            }
        }
        """);

    [Fact]
    public Task Discarding_other_futures_is_not_this_rule() => Verify("""
        class C
        {
            public Future NotAWrapperAsync() => Future.Completed;
            public Future Other() => Future.Completed;

            public void M(Future f)
            {
                NotAWrapperAsync();
                Other();
                f.Settled();
                Future.FromResult(1);
            }
        }
        """);

    [Fact]
    public Task Lambdas_and_local_functions_returning_the_future_keep_it() => Verify("""
        class C
        {
            public Func<Future> M(Spider spider)
            {
                Future Local() => spider.FetchAsync("a");
                Func<Future> f = () => Spider.TickAsync();
                return () => Local();
            }
        }
        """);

    [Fact]
    public Task Methods_named_like_a_wrapper_next_to_plain_iterators_are_accepted() => CoroVerifier.VerifyAnalyzerAsync<CORO006DiscardedFutureAnalyzer>("""
        class C
        {
            public IEnumerable<Future> Load() { yield break; }
            public Future LoadAsync() => Future.Completed;

            public void M()
            {
                LoadAsync();
                foreach (var f in Load()) { }
            }
        }
        """);

    [Fact]
    public Task Only_the_generated_wrapper_of_a_coroutine_is_one() => CoroVerifier.VerifyAnalyzerAsync<CORO006DiscardedFutureAnalyzer>("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> Load(int n);
            public partial IEnumerable<Future> Load(int n) { yield break; }

            // Named like the wrapper, but an overload, or written by another tool: not Load's wrapper.
            public Future LoadAsync(string s) => Future.Completed;
            [GeneratedCode("Other", "1.0")]
            public Future LoadAsync(long n) => Future.Completed;

            public void M()
            {
                LoadAsync("a");
                LoadAsync(2L);
            }
        }
        """);
}

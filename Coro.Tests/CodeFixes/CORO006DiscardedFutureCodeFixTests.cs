using System.Collections.Immutable;
using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

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

    [Fact]
    public Task The_help_pages_example_is_fixed_as_the_page_says() =>
        CoroVerifier.VerifyFixAsync<CORO006DiscardedFutureAnalyzer, CORO006DiscardedFutureCodeFix>(Fetch + """
            partial class Spider
            {
                [Coroutine]
                public partial IEnumerable<Future> Crawl();
                public partial IEnumerable<Future> Crawl()
                {
                    {|CORO006:FetchAsync("/a")|};                 // CORO006: the future is discarded
                    yield return Future.All({|CORO006:Fetch("/b")|}); // CORO006: the body is called directly
                }
            }
            """, Fetch + """
            partial class Spider
            {
                [Coroutine]
                public partial IEnumerable<Future> Crawl();
                public partial IEnumerable<Future> Crawl()
                {
                    yield return FetchAsync("/a");                 // CORO006: the future is discarded
                    yield return Future.All(FetchAsync("/b")); // CORO006: the body is called directly
                }
            }
            """);

    private const string FixableAndNot = """
        partial class C
        {
            public void Outside(Spider spider)
            {
                {|CORO006:spider.FetchAsync("outside")|};
            }

            [Coroutine]
            public partial IEnumerable<Future> M(Spider spider);
            public partial IEnumerable<Future> M(Spider spider)
            {
                var group = {|CORO006:new CoroutineGroup()|};
                group.Add(spider.FetchAsync("grouped"));
                {|CORO006:spider.FetchAsync("a")|};
                yield return Future.All({|CORO006:spider.Fetch("b")|});
                {|CORO006:Spider.Tick()|};
            }
        }
        """;

    private const string FixableAndNotFixed = """
        partial class C
        {
            public void Outside(Spider spider)
            {
                {|CORO006:spider.FetchAsync("outside")|};
            }

            [Coroutine]
            public partial IEnumerable<Future> M(Spider spider);
            public partial IEnumerable<Future> M(Spider spider)
            {
                var group = {|CORO006:new CoroutineGroup()|};
                group.Add(spider.FetchAsync("grouped"));
                yield return spider.FetchAsync("a");
                yield return Future.All(spider.FetchAsync("b"));
                yield return Spider.TickAsync();
            }
        }
        """;

    [Fact]
    public Task Fix_All_fixes_what_has_a_fix_and_leaves_the_rest_in_one_project() =>
        CoroVerifier.VerifyFixAsync<CORO006DiscardedFutureAnalyzer, CORO006DiscardedFutureCodeFix>(Fetch + FixableAndNot, Fetch + FixableAndNotFixed);

    // dotnet format asks the first diagnostic of the solution for its fix and runs Fix All with that
    // fix's equivalence key; here the first one has no fix, so the key is null.
    [Fact]
    public async Task Fix_All_as_dotnet_format_runs_it_fixes_everything_fixable_when_the_first_diagnostic_has_no_fix()
    {
        Document document = CodeFixHarness.EmptyDocument(new CSharpParseOptions(LanguageVersion.Latest))
            .WithText(CoroVerifier.Header + Fetch + CoroVerifier.StripMarkup(FixableAndNot));
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = [.. (await compilation
            .WithAnalyzers([new CORO006DiscardedFutureAnalyzer()])
            .GetAnalyzerDiagnosticsAsync())
            .OrderBy(d => d.Location.SourceSpan.Start)];
        Assert.Equal(5, diagnostics.Length);

        var provider = new CORO006DiscardedFutureCodeFix();
        CodeAction? first = null;
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostics[0], (action, _) => first ??= action, default));
        Assert.Null(first);

        var context = new FixAllContext(
            document, provider, FixAllScope.Solution, first?.EquivalenceKey!, ["CORO006"], new CodeFixHarness.KnownDiagnostics(diagnostics), default);
        CodeAction? fixAll = await provider.GetFixAllProvider().GetFixAsync(context);
        Assert.NotNull(fixAll);

        Solution fixedSolution = Assert.IsType<ApplyChangesOperation>(Assert.Single(await fixAll.GetOperationsAsync(default))).ChangedSolution;
        string text = (await fixedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();
        Assert.Equal(CoroVerifier.Header + Fetch + CoroVerifier.StripMarkup(FixableAndNotFixed), text);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Coro;
using Coro.Sample;

namespace Coro.Tests.EndToEnd;

/// <summary>The sample's web spider, run in-process against its own local site.</summary>
public class SpiderTests
{
    private static readonly TimeSpan CrawlLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public void Crawl_fetches_every_page_and_reports_the_broken_links_as_failures()
    {
        var map = new SiteMap(articleCount: 60, brokenLinkCount: 3);
        using LocalSite site = LocalSite.Start(map, slowPageDelay: TimeSpan.FromMilliseconds(200));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var spider = new Spider(http, site.StartUrl, concurrency: 4, maxPages: 1000, timeout: TimeSpan.FromSeconds(5));

        CrawlReport report = EventLoop.Run(spider.CrawlAsync, CrawlLimit);

        Assert.Equal(map.ExpectedHtmlPages, report.Pages);
        Assert.Equal(
            ["/docs/missing-0.html", "/docs/missing-1.html", "/docs/missing-2.html"],
            report.Failures.Select(f => f.Url.AbsolutePath).Order(StringComparer.Ordinal));
        Assert.All(report.Failures, f => Assert.Equal("HTTP 404 Not Found", f.Detail));
        Assert.Equal(1, report.NotHtml);
        Assert.DoesNotContain(report.Results, r => r.Url.AbsolutePath == "/about.html" || r.Url.Host != "127.0.0.1");
        // How many fetches overlap depends on the schedule; that no more than the limit ever run does not.
        Assert.InRange(report.PeakConcurrency, 1, 4);
        Assert.False(report.LimitReached);
    }

    [Fact]
    public void A_page_that_outlives_the_timeout_is_a_failure_and_the_crawl_still_ends()
    {
        using LocalSite site = LocalSite.Start(new SiteMap(articleCount: 20, brokenLinkCount: 0), slowPageDelay: TimeSpan.FromSeconds(30));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var spider = new Spider(http, site.StartUrl, concurrency: 3, maxPages: 1000, timeout: TimeSpan.FromSeconds(2));

        CrawlReport report = EventLoop.Run(spider.CrawlAsync, CrawlLimit);

        FetchResult slow = Assert.Single(report.Failures);
        Assert.Equal(SiteMap.SlowPath, slow.Url.AbsolutePath);
        Assert.Equal("timed out after 2 s", slow.Detail);
        Assert.Equal(21, report.Pages);
    }

    [Fact]
    public void Max_pages_caps_the_number_of_fetches()
    {
        using LocalSite site = LocalSite.Start(new SiteMap(articleCount: 60), slowPageDelay: TimeSpan.FromMilliseconds(50));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var spider = new Spider(http, site.StartUrl, concurrency: 4, maxPages: 10, timeout: TimeSpan.FromSeconds(5));

        CrawlReport report = EventLoop.Run(spider.CrawlAsync, CrawlLimit);

        Assert.Equal(10, report.Results.Count);
        Assert.True(report.LimitReached);
    }

    [Fact]
    public void The_command_crawls_the_built_in_site_and_exits_0_with_the_page_count()
    {
        (int exitCode, string output, string error) = RunCommand("--concurrency", "8");

        Assert.Equal(SpiderApp.Success, exitCode);
        Assert.Empty(error);
        string summary = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith($"Done: {new SiteMap().ExpectedHtmlPages} pages fetched, 3 failed", summary);
        Match peak = Regex.Match(summary, @"peak concurrency (\d+)$");
        Assert.True(peak.Success, summary);
        Assert.InRange(int.Parse(peak.Groups[1].Value, CultureInfo.InvariantCulture), 1, 8);
    }

    [Fact]
    public void Debug_turns_the_watchdog_on_and_the_crawl_still_succeeds()
    {
        (int exitCode, string output, string error) = RunCommand("--debug", "--max-pages", "20");

        Assert.True(SpiderOptions.Parse(["--debug"]).Options!.Debug);
        Assert.False(SpiderOptions.Parse([]).Options!.Debug);
        Assert.Equal(SpiderApp.Success, exitCode);
        Assert.StartsWith("Done: ", output.TrimEnd().Split('\n')[^1]);
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("debug: ", line));
    }

    [Fact]
    public void Hold_keeps_the_fetch_of_the_slow_page_waiting_for_an_hour_and_takes_no_url()
    {
        SpiderOptions held = SpiderOptions.Parse(["--hold"]).Options!;

        Assert.True(held.Hold);
        Assert.Equal(SpiderOptions.HoldTime, held.Timeout);
        Assert.False(SpiderOptions.Parse([]).Options!.Hold);
        Assert.Contains("takes no --url", SpiderOptions.Parse(["--hold", "--url", "http://127.0.0.1/"]).Error);
    }

    [Theory]
    [InlineData("--debug=yes")]
    [InlineData("--url", "not a url")]
    [InlineData("--url", "ftp://example.com/")]
    [InlineData("--concurrency", "zero")]
    [InlineData("--timeout", "-1")]
    [InlineData("--no-such-option")]
    public void Bad_usage_exits_2_with_a_message(params string[] args)
    {
        (int exitCode, _, string error) = RunCommand(args);

        Assert.Equal(SpiderApp.UsageError, exitCode);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public void A_start_page_that_is_not_HTML_exits_1()
    {
        using LocalSite site = LocalSite.Start(new SiteMap(articleCount: 5));

        (int exitCode, _, string error) = RunCommand("--url", new Uri(site.Root, SiteMap.DataPath).ToString());

        Assert.Equal(SpiderApp.CrawlFailed, exitCode);
        Assert.Contains("application/json, not an HTML page", error);
    }

    [Fact]
    public void A_start_page_that_times_out_exits_1()
    {
        using LocalSite site = LocalSite.Start(new SiteMap(articleCount: 5), slowPageDelay: TimeSpan.FromSeconds(30));

        (int exitCode, _, string error) = RunCommand("--url", new Uri(site.Root, SiteMap.SlowPath).ToString(), "--timeout", "0.5");

        Assert.Equal(SpiderApp.CrawlFailed, exitCode);
        Assert.Contains("timed out after 0.5 s", error);
    }

    [Fact]
    public void An_unreachable_host_exits_1()
    {
        (int exitCode, _, string error) = RunCommand("--url", "http://127.0.0.1:1/", "--timeout", "5");

        Assert.Equal(SpiderApp.CrawlFailed, exitCode);
        Assert.StartsWith("error: could not crawl http://127.0.0.1:1/", error);
    }

    private static (int ExitCode, string Output, string Error) RunCommand(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = SpiderApp.Run(args, output, error, interactive: false);
        return (exitCode, output.ToString(), error.ToString());
    }
}

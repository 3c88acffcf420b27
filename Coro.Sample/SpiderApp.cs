using System.Globalization;

namespace Coro.Sample;

/// <summary>
/// The command: read the options, start the local site unless <c>--url</c> was given, crawl on an
/// <see cref="EventLoop"/>, print the failures and a summary line, and choose the exit code.
/// </summary>
internal static class SpiderApp
{
    public const int Success = 0;
    public const int CrawlFailed = 1;
    public const int UsageError = 2;

    /// <summary>Runs the spider with <paramref name="args"/>; returns the process exit code.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the progress, failures and summary go.</param>
    /// <param name="error">Where error messages go.</param>
    /// <param name="interactive">True to rewrite one progress line in place (a terminal).</param>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, bool interactive)
    {
        if (args is ["--game"])
        {
            // The frame-driven mode: a simulated 60 Hz host pumping the loop (FrameGame).
            int frames = new FrameGame(output).Play(realTime: true);
            output.WriteLine($"Done: the game took {frames} frames.");
            return Success;
        }

        SpiderOptions.ParseResult parsed = SpiderOptions.Parse(args);
        if (parsed.ShowHelp)
        {
            output.WriteLine(SpiderOptions.Usage);
            return Success;
        }

        if (parsed.Options is not { } options)
        {
            error.WriteLine($"error: {parsed.Error}");
            error.WriteLine("Run with --help for the options.");
            return UsageError;
        }

        using LocalSite? site = options.Url is null ? LocalSite.Start(new SiteMap(), options.Hold ? SpiderOptions.HoldTime : null) : null;
        Uri start = options.Url ?? site!.StartUrl;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Crawling {start} with {options.Concurrency} worker coroutines (timeout {options.Timeout.TotalSeconds:0.###} s per fetch, at most {options.MaxPages} pages){(site is null ? "" : ", on the built-in local site")}"));

        if (options.Hold)
        {
            output.WriteLine($"Holding: the site answers {SiteMap.SlowPath} after an hour. Process {Environment.ProcessId}: look with `dotnet-coro pstree {Environment.ProcessId}`; stop with Ctrl+C.");
        }

        using HttpClient http = CreateClient(useProxy: site is null);
        var spider = new Spider(http, start, options.Concurrency, options.MaxPages, options.Timeout);
        var display = new ProgressDisplay(output, interactive, options.Debug);

        CrawlReport report;
        try
        {
            report = Crawl(spider, display, LoopOptions(options, error));
        }
        catch (Exception exception)
        {
            error.WriteLine($"error: the crawl of {start} crashed: {exception}");
            return CrawlFailed;
        }

        return Report(report, options, output, error);
    }

    /// <summary>Runs the crawl and the progress display side by side on a new loop.</summary>
    private static CrawlReport Crawl(Spider spider, ProgressDisplay display, EventLoopOptions loopOptions)
    {
        Future<CrawlReport>? crawl = null;
        EventLoop.Run(
            () =>
            {
                crawl = spider.CrawlAsync();
                return Future.All(crawl.Settled(), display.FollowAsync(spider, crawl));
            },
            loopOptions);
        return crawl!.Result;
    }

    /// <summary>The loop's options: with <c>--debug</c>, a watchdog that reports each step holding the
    /// loop 100 ms or more, while it runs and when it ends.</summary>
    private static EventLoopOptions LoopOptions(SpiderOptions options, TextWriter error)
    {
        if (!options.Debug)
        {
            return new EventLoopOptions();
        }

        TextWriter reports = TextWriter.Synchronized(error); // the watchdog's thread writes too
        return new EventLoopOptions
        {
            SlowStepThreshold = TimeSpan.FromMilliseconds(100),
            SlowStep = step => reports.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"debug: {step.Name} {(step.Finished ? "held" : "is holding")} the loop for {step.Duration.TotalMilliseconds:0} ms")),
        };
    }

    private static int Report(CrawlReport report, SpiderOptions options, TextWriter output, TextWriter error)
    {
        FetchResult? first = report.StartResult;
        if (first is null || first.Outcome != FetchOutcome.Page)
        {
            string reason = first switch
            {
                null => "it was not fetched",
                { Outcome: FetchOutcome.NotHtml } => $"it answered with {first.Detail}, not an HTML page, so there is nothing to crawl",
                _ => first.Detail,
            };
            error.WriteLine($"error: could not crawl {report.Start}: {reason}.");
            return CrawlFailed;
        }

        foreach (FetchResult failure in report.Failures.OrderBy(f => f.Url.AbsoluteUri, StringComparer.Ordinal))
        {
            output.WriteLine($"  failed: {failure.Url} ({failure.Detail})");
        }

        string notHtml = report.NotHtml == 0 ? "" : $", {report.NotHtml} not HTML (skipped)";
        string limit = report.LimitReached ? $" (stopped at --max-pages {options.MaxPages})" : "";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Done: {report.Pages} pages fetched, {report.Failures.Count} failed{notHtml}{limit}, in {report.Elapsed.TotalSeconds:0.00} s, peak concurrency {report.PeakConcurrency}"));
        return Success;
    }

    private static HttpClient CreateClient(bool useProxy)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = useProxy,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            MaxAutomaticRedirections = 5,
        };

        // Each fetch has its own limit (Future.WithTimeout); the client's would only race with it.
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("CoroSpider/0.1");
        return http;
    }
}

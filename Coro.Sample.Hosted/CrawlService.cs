using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Coro.Sample.Hosted;

/// <summary>
/// The service's main coroutine: crawl, log the report, sleep, again. It runs on the loop that
/// <c>AddCoroutineLoop</c> keeps for the host; when the host stops, the loop cancels it, which
/// cancels the crawl or the sleep it waits on (the crawl's workers stop with it), and the
/// <c>finally</c> below logs how far it got.
/// </summary>
internal sealed partial class CrawlService(HttpClient http, Uri start, CrawlSettings settings, ILogger logger)
{
    [Coroutine]
    public partial IEnumerable<Future> Run()
    {
        int rounds = 0;
        logger.LogInformation("Crawling {Start} every {Interval} s", start, settings.Interval.TotalSeconds);
        try
        {
            while (settings.Rounds == 0 || rounds < settings.Rounds)
            {
                var spider = new Spider(http, start, settings.Concurrency, settings.MaxPages, settings.FetchTimeout);
                Future<CrawlReport> crawl = spider.CrawlAsync();
                yield return crawl;
                rounds++;
                Log(rounds, crawl.Result);
                if (settings.Rounds == 0 || rounds < settings.Rounds)
                {
                    yield return Coroutine.Sleep(settings.Interval);
                }
            }
        }
        finally
        {
            logger.LogInformation("Crawl service ends after {Rounds} crawl(s)", rounds);
        }
    }

    private void Log(int round, CrawlReport report)
    {
        logger.LogInformation(
            "Crawl {Round}: {Pages} pages, {Failed} failed, in {Seconds} s, peak concurrency {Peak}",
            round,
            report.Pages,
            report.Failures.Count,
            report.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            report.PeakConcurrency);
        foreach (FetchResult failure in report.Failures)
        {
            logger.LogWarning("Failed: {Url} ({Detail})", failure.Url, failure.Detail);
        }
    }
}

namespace Coro.Sample;

/// <summary>What became of one URL.</summary>
internal enum FetchOutcome
{
    /// <summary>An HTML page, fetched and parsed for links.</summary>
    Page,

    /// <summary>Fetched, but not HTML (an image, JSON, ...), so it has no links to follow.</summary>
    NotHtml,

    /// <summary>An HTTP error status, a network error or a timeout.</summary>
    Failed,
}

/// <summary>The result of fetching one URL.</summary>
/// <param name="Url">The URL fetched.</param>
/// <param name="Outcome">Page, not HTML, or failed.</param>
/// <param name="Detail">For a failure, what went wrong ("HTTP 404 Not Found", "timed out after 10 s");
/// for a non-HTML answer, its media type.</param>
/// <param name="Links">The same-site links of a page (empty otherwise).</param>
internal sealed record FetchResult(Uri Url, FetchOutcome Outcome, string Detail, IReadOnlyList<Uri> Links)
{
    public static FetchResult Failure(Uri url, string detail) => new(url, FetchOutcome.Failed, detail, []);
}

/// <summary>Live counters of a crawl, for the progress line.</summary>
/// <param name="Pages">HTML pages fetched.</param>
/// <param name="Failed">URLs that failed.</param>
/// <param name="InFlight">Fetches running now.</param>
/// <param name="Queued">URLs waiting in the queue.</param>
/// <param name="Elapsed">Time since the crawl started.</param>
internal readonly record struct CrawlProgress(int Pages, int Failed, int InFlight, int Queued, TimeSpan Elapsed);

/// <summary>The outcome of a whole crawl.</summary>
/// <param name="Start">The URL the crawl started from.</param>
/// <param name="Results">Every URL fetched, in the order the fetches finished.</param>
/// <param name="Elapsed">Wall-clock time of the crawl.</param>
/// <param name="PeakConcurrency">The most fetches that were in flight at once.</param>
/// <param name="LimitReached">True if --max-pages stopped the crawl from following more links.</param>
internal sealed record CrawlReport(Uri Start, IReadOnlyList<FetchResult> Results, TimeSpan Elapsed, int PeakConcurrency, bool LimitReached)
{
    public int Pages => Results.Count(r => r.Outcome == FetchOutcome.Page);

    public int NotHtml => Results.Count(r => r.Outcome == FetchOutcome.NotHtml);

    public IReadOnlyList<FetchResult> Failures => [.. Results.Where(r => r.Outcome == FetchOutcome.Failed)];

    /// <summary>How the start URL went; the crawl failed entirely unless it is a page.</summary>
    public FetchResult? StartResult => Results.FirstOrDefault(r => r.Url == Start);
}

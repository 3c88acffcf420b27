using System.Diagnostics;
using System.Globalization;

namespace Coro.Sample;

/// <summary>
/// Tornado's web spider (<c>demos/webspider</c>) on Coro: worker coroutines take URLs from a
/// <see cref="FutureQueue{T}"/>, fetch them with <see cref="HttpClient"/> (each Task turned into a
/// <see cref="Future"/>, each fetch with a time limit) and put the same-site links they find back
/// into the queue; the crawl ends when the queue's <see cref="FutureQueue{T}.Join"/> says every URL
/// has been handled.
/// </summary>
/// <remarks>
/// Everything here runs on one <see cref="EventLoop"/> thread, so the counters and sets need no
/// locks: the concurrency is in the HTTP requests, not in this code. Each coroutine is a
/// <c>[Coroutine]</c> iterator (its body); the source generator writes the <c>XAsync</c> wrapper
/// that starts it (see obj/generated/ after a build).
/// </remarks>
internal sealed partial class Spider
{
    private readonly HttpClient _http;
    private readonly Uri _start;
    private readonly int _concurrency;
    private readonly int _maxPages;
    private readonly TimeSpan _timeout;

    // Tornado's demo: q = queues.Queue(); fetching, fetched = set(), set()
    private readonly FutureQueue<Uri?> _queue = new();
    private readonly HashSet<Uri> _seen = [];
    private readonly List<FetchResult> _results = [];
    private readonly Stopwatch _clock = new();

    private Uri _scope;
    private int _inFlight;
    private int _peakInFlight;
    private int _pages;
    private int _failed;
    private bool _limitReached;

    /// <param name="http">The client every fetch goes through. Its own Timeout should be infinite:
    /// the spider limits each fetch itself.</param>
    /// <param name="start">The first URL; links are followed on its host, under its directory.</param>
    /// <param name="concurrency">How many worker coroutines fetch at once.</param>
    /// <param name="maxPages">The most URLs to fetch.</param>
    /// <param name="timeout">The limit for one fetch, headers and body together.</param>
    public Spider(HttpClient http, Uri start, int concurrency, int maxPages, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPages, 1);
        _http = http;
        _start = LinkExtractor.WithoutFragment(start);
        _scope = _start;
        _concurrency = concurrency;
        _maxPages = maxPages;
        _timeout = timeout;
    }

    /// <summary>The counters right now, for a progress line. Read it on the loop's thread.</summary>
    public CrawlProgress Progress => new(_pages, _failed, _inFlight, _queue.Count, _clock.Elapsed);

    /// <summary>The whole crawl: start the workers, wait until every queued URL is done, stop them.</summary>
    /// <remarks>The workers run in a <see cref="CoroutineGroup"/>: they belong to the crawl, so a
    /// crawl that ends early (cancelled, or by a timeout) stops them as it leaves the <c>using</c>,
    /// and a worker that fails stops the others.</remarks>
    [Coroutine<CrawlReport>]
    public partial IEnumerable<Future> Crawl()
    {
        _clock.Restart();
        Enqueue(_start);
        using var workers = new CoroutineGroup();
        for (int i = 0; i < _concurrency; i++)
        {
            workers.Add(WorkerAsync());
        }

        // Every fetch has a time limit, so Join comes. The group ends before it only if a worker
        // failed (a bug); then the crawl stops with that exception instead of waiting for ever.
        yield return Future.Any(_queue.Join(), workers);
        if (workers.IsFaulted)
        {
            yield return workers;
        }

        // As in Tornado's demo: one empty item per worker tells it to finish.
        for (int i = 0; i < _concurrency; i++)
        {
            yield return _queue.Put(null);
        }

        yield return workers;
        _clock.Stop();
        yield return Coroutine.Return(new CrawlReport(_start, [.. _results], _clock.Elapsed, _peakInFlight, _limitReached));
    }

    /// <summary>Takes URLs from the queue and fetches them, one at a time, until it takes null.</summary>
    [Coroutine]
    private partial IEnumerable<Future> Worker()
    {
        while (true)
        {
            Future<Uri?> next = _queue.Get();
            yield return next;
            try
            {
                if (next.Result is not { } url)
                {
                    yield break;
                }

                Future<FetchResult> fetched = FetchAsync(url);
                yield return fetched;
                Record(fetched.Result);
            }
            finally
            {
                _queue.TaskDone();
            }
        }
    }

    /// <summary>
    /// Fetches one URL within the time limit and reads its links. Never fails: an HTTP error, a
    /// network error or a timeout becomes a <see cref="FetchOutcome.Failed"/> result. A
    /// <c>yield return Coroutine.Return(...)</c> ends the coroutine there, like a return statement.
    /// </summary>
    [Coroutine<FetchResult>]
    private partial IEnumerable<Future> Fetch(Uri url)
    {
        var clock = Stopwatch.StartNew();
        using var abort = new CancellationTokenSource();
        _peakInFlight = Math.Max(_peakInFlight, ++_inFlight);
        try
        {
            // The Task becomes a Future; WithTimeout stops the wait, and the finally block below
            // cancels the request itself, so nothing is left running after a timeout.
            Future<HttpResponseMessage> headers = Future
                .FromTask(_http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, abort.Token))
                .WithTimeout(_timeout);
            yield return headers.Settled();
            if (headers.IsFaulted || headers.IsCanceled)
            {
                yield return Coroutine.Return(FetchResult.Failure(url, Describe(headers)));
            }

            using HttpResponseMessage response = headers.Result;
            if (!response.IsSuccessStatusCode)
            {
                yield return Coroutine.Return(FetchResult.Failure(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
            }

            string? mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!IsHtml(mediaType))
            {
                yield return Coroutine.Return(new FetchResult(url, FetchOutcome.NotHtml, mediaType ?? "no Content-Type", []));
            }

            // The body shares the one time limit of the fetch.
            TimeSpan left = _timeout - clock.Elapsed;
            Future<string> body = Future
                .FromTask(response.Content.ReadAsStringAsync(abort.Token))
                .WithTimeout(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            yield return body.Settled();
            if (body.IsFaulted || body.IsCanceled)
            {
                yield return Coroutine.Return(FetchResult.Failure(url, Describe(body)));
            }

            // Links are relative to where we ended up; a redirected start URL moves the scope too.
            Uri final = response.RequestMessage?.RequestUri ?? url;
            if (url == _start)
            {
                _scope = final;
            }

            yield return Coroutine.Return(new FetchResult(url, FetchOutcome.Page, "", LinkExtractor.SameSiteLinks(body.Result, final, _scope)));
        }
        finally
        {
            _inFlight--;
            abort.Cancel();
        }
    }

    /// <summary>Counts a result and queues the links of a page that were not seen before.</summary>
    private void Record(FetchResult result)
    {
        _results.Add(result);
        switch (result.Outcome)
        {
            case FetchOutcome.Page:
                _pages++;
                foreach (Uri link in result.Links)
                {
                    Enqueue(link);
                }

                break;
            case FetchOutcome.Failed:
                _failed++;
                break;
        }
    }

    private void Enqueue(Uri url)
    {
        if (_seen.Contains(url))
        {
            return;
        }

        if (_seen.Count >= _maxPages)
        {
            _limitReached = true;
            return;
        }

        _seen.Add(url);
        _queue.TryPut(url); // unbounded: never waits
    }

    private static bool IsHtml(string? mediaType) =>
        string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, "application/xhtml+xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>A one-line reason for a failed wait: the timeout, the network error, ...</summary>
    private string Describe(Future failed)
    {
        if (failed.IsCanceled)
        {
            return "cancelled";
        }

        return failed.Exception switch
        {
            TimeoutException => string.Create(CultureInfo.InvariantCulture, $"timed out after {_timeout.TotalSeconds:0.###} s"),
            HttpRequestException http => http.Message,
            { } other => $"{other.GetType().Name}: {other.Message}",
            null => "failed",
        };
    }
}

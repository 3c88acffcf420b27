using System.Globalization;

namespace Coro.Sample;

/// <summary>The command line of the spider: what to crawl and how hard.</summary>
/// <param name="Url">The site to crawl, or null for the built-in local site.</param>
/// <param name="Concurrency">How many worker coroutines fetch at once.</param>
/// <param name="MaxPages">The most URLs the crawl will fetch.</param>
/// <param name="Timeout">The limit for each fetch, headers and body together.</param>
internal sealed record SpiderOptions(Uri? Url, int Concurrency, int MaxPages, TimeSpan Timeout)
{
    /// <summary><c>--debug</c>: report what holds the loop (the watchdog) on the error stream, and
    /// every second what each coroutine waits on.</summary>
    public bool Debug { get; init; }

    /// <summary><c>--hold</c>: the built-in site answers its slow page only after an hour, so the
    /// crawl stays suspended for a look from outside (<c>dotnet-coro pstree</c>).</summary>
    public bool Hold { get; init; }

    /// <summary>How long the built-in site holds its slow page, and the fetch limit, with <c>--hold</c>.</summary>
    public static readonly TimeSpan HoldTime = TimeSpan.FromHours(1);

    public const int DefaultConcurrency = 10;
    public const int DefaultMaxPages = 1000;
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public const string Usage = """
        Usage: dotnet run --project Coro.Sample -- [options]

        Crawls a web site with concurrent Coro coroutines (Tornado's web spider demo).
        Without --url it starts its own site on 127.0.0.1 and crawls that, so it needs no network.

        Options:
          --url <url>          crawl this http(s) site instead; only links on the same host,
                               under the URL's directory, are followed
          --concurrency <n>    worker coroutines fetching at once (default 10, 1-1000)
          --max-pages <n>      fetch at most this many URLs (default 1000)
          --timeout <seconds>  time limit for each fetch (default 10)
          --debug              report every step that holds the loop 100 ms or more (stderr), and
                               every second show what each coroutine waits on, and for how long
                               (shown anyway when no fetch has finished for 2 s)
          --hold               crawl the built-in site, whose slow page then answers only after an
                               hour: the crawl stays suspended so that `dotnet-coro pstree <pid>`
                               can show its coroutines from outside (stop it with Ctrl+C)
          --help               show this text
          --game               instead of crawling, run a small frame-driven game: a simulated
                               60 Hz host calls EventLoop.RunOnce once per frame

        Exit codes: 0 crawled, 1 the crawl failed (the start page could not be fetched), 2 bad usage.
        """;

    /// <summary>The outcome of parsing: options, a request for help, or an error message.</summary>
    internal readonly record struct ParseResult(SpiderOptions? Options, bool ShowHelp, string? Error);

    /// <summary>Reads <paramref name="args"/>; accepts <c>--name value</c> and <c>--name=value</c>.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        Uri? url = null;
        int concurrency = DefaultConcurrency;
        int maxPages = DefaultMaxPages;
        TimeSpan timeout = DefaultTimeout;
        bool debug = false;
        bool hold = false;

        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string? value = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (name.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }

            if (name is "--help" or "-h" or "-?")
            {
                return new ParseResult(null, ShowHelp: true, null);
            }

            if (name == "--debug" && value is null)
            {
                debug = true;
                continue;
            }

            if (name == "--hold" && value is null)
            {
                hold = true;
                continue;
            }

            if (name is not ("--url" or "--concurrency" or "--max-pages" or "--timeout"))
            {
                return Fail($"unknown option '{args[i]}'.");
            }

            if (value is null)
            {
                if (i + 1 >= args.Count)
                {
                    return Fail($"{name} needs a value.");
                }

                value = args[++i];
            }

            string? error = name switch
            {
                "--url" => TryParseUrl(value, out url),
                "--concurrency" => TryParseCount(name, value, 1, 1000, out concurrency),
                "--max-pages" => TryParseCount(name, value, 1, int.MaxValue, out maxPages),
                _ => TryParseSeconds(value, out timeout),
            };
            if (error is not null)
            {
                return Fail(error);
            }
        }

        if (hold && url is not null)
        {
            return Fail("--hold holds the built-in site's slow page, so it takes no --url.");
        }

        if (hold)
        {
            timeout = HoldTime;
        }

        return new ParseResult(new SpiderOptions(url, concurrency, maxPages, timeout) { Debug = debug, Hold = hold }, ShowHelp: false, null);
    }

    private static ParseResult Fail(string message) => new(null, ShowHelp: false, message);

    private static string? TryParseUrl(string value, out Uri? url)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
        {
            return null;
        }

        url = null;
        return $"--url '{value}' is not an absolute http:// or https:// URL (for example https://www.tornadoweb.org/en/stable/).";
    }

    private static string? TryParseCount(string name, string value, int min, int max, out int count)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out count) && count >= min && count <= max)
        {
            return null;
        }

        return max == int.MaxValue
            ? $"{name} '{value}' is not a whole number of at least {min}."
            : $"{name} '{value}' is not a whole number from {min} to {max}.";
    }

    private static string? TryParseSeconds(string value, out TimeSpan timeout)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds > 0 && seconds <= 3600)
        {
            timeout = TimeSpan.FromSeconds(seconds);
            return null;
        }

        timeout = default;
        return $"--timeout '{value}' is not a number of seconds above 0 and at most 3600.";
    }
}

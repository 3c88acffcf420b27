using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Coro.Sample.Hosted;

/// <summary>
/// What the service crawls and how often, from the host's configuration: the command line
/// (<c>--interval 5 --rounds 2</c>), environment variables or appsettings.json.
/// </summary>
/// <param name="Url">The site to crawl, or null for the built-in local site.</param>
/// <param name="Interval">The pause between two crawls.</param>
/// <param name="Rounds">How many crawls before the service stops the host; 0 for no end.</param>
/// <param name="Concurrency">Worker coroutines per crawl.</param>
/// <param name="MaxPages">The most pages one crawl fetches.</param>
internal sealed record CrawlSettings(Uri? Url, TimeSpan Interval, int Rounds, int Concurrency, int MaxPages)
{
    /// <summary>The limit for one fetch.</summary>
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public static CrawlSettings From(IConfiguration configuration)
    {
        string? url = configuration["url"];
        return new CrawlSettings(
            url is null ? null : new Uri(url, UriKind.Absolute),
            TimeSpan.FromSeconds(Number(configuration, "interval", 10)),
            (int)Number(configuration, "rounds", 0),
            (int)Number(configuration, "concurrency", 10),
            (int)Number(configuration, "max-pages", 1000));
    }

    private static double Number(IConfiguration configuration, string key, double fallback) =>
        configuration[key] is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}

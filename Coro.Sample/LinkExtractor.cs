using System.Net;
using System.Text.RegularExpressions;

namespace Coro.Sample;

/// <summary>Finds the links of an HTML page that the spider should follow (Tornado's demo uses
/// <c>HTMLParser</c>; a regular expression over <c>href</c> attributes does the same job here).</summary>
internal static partial class LinkExtractor
{
    [GeneratedRegex("""<a\s[^>]*?href\s*=\s*(?:"(?<url>[^"]*)"|'(?<url>[^']*)'|(?<url>[^\s>]+))""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnchorHref();

    /// <summary>
    /// The absolute URLs that <paramref name="html"/>, found at <paramref name="page"/>, links to and
    /// that lie under <paramref name="scope"/> (same scheme, host and port, path below the scope's
    /// directory), without fragments, each once, in document order.
    /// </summary>
    public static IReadOnlyList<Uri> SameSiteLinks(string html, Uri page, Uri scope)
    {
        var links = new List<Uri>();
        var seen = new HashSet<Uri>();
        foreach (Match match in AnchorHref().Matches(html))
        {
            string href = WebUtility.HtmlDecode(match.Groups["url"].Value.Trim());
            if (href.Length == 0 || !Uri.TryCreate(page, href, out Uri? target) || !IsUnder(target, scope))
            {
                continue;
            }

            target = WithoutFragment(target);
            if (seen.Add(target))
            {
                links.Add(target);
            }
        }

        return links;
    }

    /// <summary>True if <paramref name="url"/> is on the scope's site and under its directory.</summary>
    public static bool IsUnder(Uri url, Uri scope) =>
        (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && string.Equals(url.Scheme, scope.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(url.Host, scope.Host, StringComparison.OrdinalIgnoreCase)
        && url.Port == scope.Port
        && url.AbsolutePath.StartsWith(Directory(scope), StringComparison.Ordinal);

    /// <summary>The URL as the spider keys it: no <c>#fragment</c>.</summary>
    public static Uri WithoutFragment(Uri url) =>
        url.Fragment.Length == 0 ? url : new Uri(url.GetLeftPart(UriPartial.Query));

    // "/docs/index.html" -> "/docs/"; "/docs/" -> "/docs/"
    private static string Directory(Uri scope) => scope.AbsolutePath[..(scope.AbsolutePath.LastIndexOf('/') + 1)];
}

using System.Globalization;
using System.Text;

namespace Coro.Sample;

/// <summary>
/// The pages of the built-in site: a documentation tree under <c>/docs/</c> whose pages link to each
/// other, with a few broken links (404), one slow page, one non-HTML file, and links the spider must
/// not follow (another host, and a page outside <c>/docs/</c>). Generated from a fixed seed, so every
/// run serves the same site.
/// </summary>
internal sealed class SiteMap
{
    /// <summary>Where the crawl starts, relative to the site's root.</summary>
    public const string StartPath = "/docs/";

    public const string SlowPath = "/docs/slow.html";
    public const string DataPath = "/docs/data/pages.json";

    private readonly Dictionary<string, string> _pages = new(StringComparer.Ordinal);

    /// <summary>Builds a site with <paramref name="articleCount"/> linked articles.</summary>
    public SiteMap(int articleCount = 300, int brokenLinkCount = 3)
    {
        ArticleCount = articleCount;
        BrokenLinkCount = brokenLinkCount;
        var random = new Random(1234);

        // The index links to the first few articles, the slow page and the data file; article i links
        // to 2i+1 and 2i+2 (so every article is reachable, the tree is wide) and to two random ones.
        var index = new List<string> { SlowPath, DataPath, "/about.html", "https://www.tornadoweb.org/en/stable/" };
        index.AddRange(Enumerable.Range(0, Math.Min(8, articleCount)).Select(ArticlePath));
        _pages[StartPath] = Html("Coro docs", index);
        _pages[SlowPath] = Html("A slow page", [StartPath]);
        _pages["/about.html"] = Html("About (outside /docs/, not crawled)", [StartPath]);

        for (int i = 0; i < articleCount; i++)
        {
            var links = new List<string> { StartPath, "../docs/" + ArticleFile(random.Next(articleCount)), ArticleFile(random.Next(articleCount)) + "#section-2" };
            foreach (int child in new[] { 2 * i + 1, 2 * i + 2 })
            {
                if (child < articleCount)
                {
                    links.Add(ArticlePath(child));
                }
            }

            _pages[ArticlePath(i)] = Html($"Article {i}", links);
        }

        // Broken links, spread over the tree.
        for (int k = 0; k < brokenLinkCount; k++)
        {
            string page = ArticlePath((k + 1) * articleCount / (brokenLinkCount + 1));
            _pages[page] = _pages[page].Replace("</body>", $"<p><a href=\"/docs/missing-{k}.html\">a page that was deleted</a></p></body>", StringComparison.Ordinal);
        }
    }

    public int ArticleCount { get; }

    public int BrokenLinkCount { get; }

    /// <summary>HTML pages under /docs/ the spider should fetch: the index, the articles, the slow page.</summary>
    public int ExpectedHtmlPages => ArticleCount + 2;

    /// <summary>The HTML of the page at <paramref name="path"/>, or null if there is none (404).</summary>
    public string? Find(string path) => _pages.GetValueOrDefault(path);

    private static string ArticleFile(int i) => string.Create(CultureInfo.InvariantCulture, $"article-{i}.html");

    private static string ArticlePath(int i) => "/docs/" + ArticleFile(i);

    private static string Html(string title, IEnumerable<string> links)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(title).Append("</title></head>\n<body>\n<h1>")
            .Append(title).Append("</h1>\n<ul>\n");
        foreach (string link in links)
        {
            html.Append("  <li><a href=\"").Append(link).Append("\">").Append(link).Append("</a></li>\n");
        }

        return html.Append("</ul>\n</body></html>\n").ToString();
    }
}

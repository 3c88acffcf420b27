using System.Globalization;

namespace Coro.Sample;

/// <summary>
/// Shows how a crawl is going. On a terminal, one line rewritten in place (carriage return) ten times
/// a second; when the output is redirected to a file or a pipe, a plain line now and then, so logs
/// stay readable.
/// </summary>
internal sealed partial class ProgressDisplay(TextWriter output, bool interactive)
{
    private readonly TimeSpan _interval = interactive ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
    private int _lastLength;

    /// <summary>A display for the console: interactive unless standard output is redirected.</summary>
    public static ProgressDisplay ForConsole() => new(Console.Out, interactive: !Console.IsOutputRedirected);

    /// <summary>Shows the spider's progress until <paramref name="crawl"/> is done, then clears the line.</summary>
    [Coroutine]
    public partial IEnumerable<Future> Follow(Spider spider, Future crawl)
    {
        while (!crawl.IsDone)
        {
            // Wake at the next tick, or at once when the crawl ends.
            Future tick = Coroutine.Sleep(_interval);
            yield return Future.Any(crawl, tick);
            tick.Cancel();
            if (!crawl.IsDone)
            {
                Show(spider.Progress);
            }
        }

        if (interactive && _lastLength > 0)
        {
            output.Write("\r" + new string(' ', _lastLength) + "\r");
        }
    }

    private void Show(CrawlProgress progress)
    {
        string line = string.Create(
            CultureInfo.InvariantCulture,
            $"{progress.Pages} pages, {progress.Failed} failed, {progress.InFlight} in flight, {progress.Queued} queued, {progress.Elapsed.TotalSeconds:0.0} s");
        if (interactive)
        {
            output.Write("\r" + line.PadRight(_lastLength));
            _lastLength = line.Length;
        }
        else
        {
            output.WriteLine("  " + line);
        }

        output.Flush();
    }
}

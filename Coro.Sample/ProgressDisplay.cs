using System.Globalization;

namespace Coro.Sample;

/// <summary>
/// Shows how a crawl is going. On a terminal, one line rewritten in place (carriage return) ten times
/// a second; when the output is redirected to a file or a pipe, a plain line now and then, so logs
/// stay readable. When no fetch has finished for <see cref="StallLimit"/>, or every second with
/// <c>--debug</c>, it shows what every coroutine waits on (<see cref="EventLoop.DescribeCoroutines"/>).
/// </summary>
internal sealed partial class ProgressDisplay(TextWriter output, bool interactive, bool debug = false)
{
    /// <summary>How long a crawl may go without a finished fetch before the display shows why.</summary>
    public static readonly TimeSpan StallLimit = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan s_debugInterval = TimeSpan.FromSeconds(1);

    private readonly TimeSpan _interval = interactive ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(1);
    private int _lastLength;

    /// <summary>A display for the console: interactive unless standard output is redirected.</summary>
    public static ProgressDisplay ForConsole() => new(Console.Out, interactive: !Console.IsOutputRedirected);

    /// <summary>Shows the spider's progress until <paramref name="crawl"/> is done, then clears the line.</summary>
    [Coroutine]
    public partial IEnumerable<Future> Follow(Spider spider, Future crawl)
    {
        // Time is counted in ticks: the display needs no clock of its own.
        TimeSpan sinceFinished = TimeSpan.Zero, sinceShown = TimeSpan.Zero;
        int finished = 0;
        bool stallShown = false;
        while (!crawl.IsDone)
        {
            // Wake at the next tick, or at once when the crawl ends.
            Future tick = Coroutine.Sleep(_interval);
            yield return Future.Any(crawl, tick);
            tick.Cancel();
            if (crawl.IsDone)
            {
                break;
            }

            CrawlProgress progress = spider.Progress;
            Show(progress);
            sinceShown += _interval;
            sinceFinished += _interval;
            if (progress.Pages + progress.Failed != finished)
            {
                finished = progress.Pages + progress.Failed;
                sinceFinished = TimeSpan.Zero;
                stallShown = false;
            }

            if (!stallShown && sinceFinished >= StallLimit)
            {
                stallShown = true;
                ShowCoroutines($"No fetch has finished for {StallLimit.TotalSeconds:0} s. What each coroutine waits on:");
            }
            else if (debug && sinceShown >= s_debugInterval)
            {
                ShowCoroutines("--debug: what each coroutine waits on:");
            }

            if (sinceShown >= s_debugInterval)
            {
                sinceShown = TimeSpan.Zero;
            }
        }

        if (interactive && _lastLength > 0)
        {
            output.Write("\r" + new string(' ', _lastLength) + "\r");
        }
    }

    private void ShowCoroutines(string heading)
    {
        if (interactive && _lastLength > 0)
        {
            output.WriteLine();
            _lastLength = 0;
        }

        output.WriteLine("  " + heading);
        foreach (string line in EventLoop.Current!.DescribeCoroutines().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            output.WriteLine("  " + line);
        }

        output.Flush();
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

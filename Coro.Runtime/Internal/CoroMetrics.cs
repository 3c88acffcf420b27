using System.Diagnostics.Metrics;

namespace Coro;

/// <summary>
/// The <c>Coro</c> meter (System.Diagnostics.Metrics), for <c>dotnet-counters monitor --counters Coro</c>
/// and OpenTelemetry. Every place that measures first checks the instrument's <c>Enabled</c> (one
/// field read), so nothing is measured, and nothing costs, while no listener has enabled it.
/// </summary>
internal static class CoroMetrics
{
    public static readonly Meter Meter = new("Coro", typeof(CoroMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> Steps = Meter.CreateCounter<long>(
        "coro.loop.steps", "{step}", "Callbacks and coroutine steps the loops ran.");

    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "coro.loop.lag", "ms", "Per loop turn, how long the work it ran had been ready before it ran.");

    public static readonly ObservableGauge<int> Suspended = Meter.CreateObservableGauge(
        "coro.coroutines.suspended", LiveLoops.CountSuspended, "{coroutine}", "Coroutines suspended on running loops.");

    public static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "coro.coroutines.started", "{coroutine}", "Coroutines started.");

    public static readonly Counter<long> Unobserved = Meter.CreateCounter<long>(
        "coro.futures.unobserved", "{future}", "Faulted futures collected without anyone reading their exception.");

    public static readonly Counter<long> SlowSteps = Meter.CreateCounter<long>(
        "coro.loop.slow_steps", "{step}", "Steps that held a loop longer than its watchdog's threshold.");
}

/// <summary>The loops that are running, so that the suspended-coroutines gauge can add up their
/// counts from the listener's thread. A loop joins when it starts and leaves when it closes.</summary>
internal static class LiveLoops
{
    private static readonly HashSet<EventLoop> s_loops = [];

    public static void Add(EventLoop loop)
    {
        lock (s_loops)
        {
            s_loops.Add(loop);
        }
    }

    public static void Remove(EventLoop loop)
    {
        lock (s_loops)
        {
            s_loops.Remove(loop);
        }
    }

    public static int CountSuspended()
    {
        int count = 0;
        lock (s_loops)
        {
            foreach (EventLoop loop in s_loops)
            {
                count += loop.Suspended.Count; // a racy read of an int the loop's thread writes: a gauge may lag
            }
        }

        return count;
    }
}

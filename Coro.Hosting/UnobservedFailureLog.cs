using Microsoft.Extensions.Logging;

namespace Coro.Hosting;

/// <summary>
/// Sends <see cref="Future.UnobservedException"/> to the loggers of the hosted loops that run. The
/// event is static, so it is subscribed once per process, when the first hosted loop starts; each
/// failure goes to every hosted loop's logger that is registered then (one, in a usual process).
/// </summary>
/// <remarks>Thread safety: <see cref="Add"/> and <see cref="Remove"/> may be called from any thread;
/// the event is raised on the finalizer thread, which reads a copied array without a lock.</remarks>
internal static class UnobservedFailureLog
{
    private static readonly object s_gate = new();
    private static ILogger[] s_loggers = [];
    private static bool s_subscribed;

    public static void Add(ILogger logger)
    {
        lock (s_gate)
        {
            s_loggers = [.. s_loggers, logger];
            if (!s_subscribed)
            {
                Future.UnobservedException += OnUnobserved;
                s_subscribed = true;
            }
        }
    }

    public static void Remove(ILogger logger)
    {
        lock (s_gate)
        {
            s_loggers = [.. s_loggers.Where(l => !ReferenceEquals(l, logger))];
        }
    }

    private static void OnUnobserved(object? sender, UnobservedFutureExceptionEventArgs args)
    {
        foreach (ILogger logger in Volatile.Read(ref s_loggers))
        {
            LoopLog.Unobserved(logger, args.Exception);
        }
    }
}

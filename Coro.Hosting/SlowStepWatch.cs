using Microsoft.Extensions.Logging;

namespace Coro.Hosting;

/// <summary>
/// The hosted loop's watchdog callback: logs slow steps when the user's options asked for it, calls
/// the user's own <see cref="EventLoopOptions.SlowStep"/>, and remembers the step that holds the
/// loop right now, so that a loop still blocked when the host stops can be named.
/// </summary>
/// <remarks>
/// The watchdog is always on in a hosted loop: at the options' <see cref="EventLoopOptions.SlowStepThreshold"/>,
/// or at <see cref="QuietThreshold"/>, unlogged, when they set none, only to know what blocks the loop.
/// <see cref="Report"/> is called from the watchdog's thread (a step still running) and from the
/// loop's (the step ended), so <see cref="_holding"/> is guarded by a lock.
/// </remarks>
internal sealed class SlowStepWatch
{
    /// <summary>The watchdog's threshold when the options set none: a step that blocks the host's
    /// shutdown for longer than this is named in the log.</summary>
    public static readonly TimeSpan QuietThreshold = TimeSpan.FromSeconds(1);

    private readonly ILogger? _logger;
    private readonly Action<SlowStep>? _user;
    private readonly object _gate = new();
    private SlowStep? _holding;

    /// <param name="logger">Where slow steps are logged, or null to log none.</param>
    /// <param name="user">The options' own callback, called before the log.</param>
    private SlowStepWatch(ILogger? logger, Action<SlowStep>? user)
    {
        _logger = logger;
        _user = user;
    }

    /// <summary>The step the watchdog last reported as still running, unless it has ended since.</summary>
    public SlowStep? Holding
    {
        get
        {
            lock (_gate)
            {
                return _holding;
            }
        }
    }

    /// <summary>
    /// The options the hosted loop runs with: the user's, with the watchdog's callback replaced by a
    /// <see cref="SlowStepWatch"/> that calls theirs. The copy names every property of
    /// <see cref="EventLoopOptions"/> (a test checks that none is missed).
    /// </summary>
    public static (EventLoopOptions Options, SlowStepWatch Watch) Options(EventLoopOptions? user, ILogger logger)
    {
        var watch = new SlowStepWatch(user?.SlowStepThreshold is null ? null : logger, user?.SlowStep);
        var options = new EventLoopOptions
        {
            Timeout = user?.Timeout,
            TimeProvider = user?.TimeProvider,
            VirtualTime = user?.VirtualTime ?? false,
            Seed = user?.Seed,
            TimerJitter = user?.TimerJitter,
            SlowStepThreshold = user?.SlowStepThreshold ?? QuietThreshold,
            SlowStep = watch.Report,
        };
        return (options, watch);
    }

    private void Report(SlowStep step)
    {
        lock (_gate)
        {
            _holding = step.Finished ? null : step;
        }

        // The user's callback first: whoever reads the log has seen every report the callback got
        // before it (a step's "running" report comes from the watchdog's thread, its "finished" one
        // from the loop's, so their order is only this one's to keep).
        try
        {
            _user?.Invoke(step);
        }
        finally
        {
            if (_logger is not null)
            {
                LoopLog.SlowStep(_logger, step);
            }
        }
    }
}

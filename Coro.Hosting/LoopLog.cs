using Microsoft.Extensions.Logging;

namespace Coro.Hosting;

/// <summary>
/// What the hosted loop writes to <see cref="ILogger"/>, category <see cref="Category"/>: one
/// <see cref="LoggerMessage"/> per event, defined once, so a message that is filtered out costs no
/// formatting.
/// </summary>
internal static class LoopLog
{
    /// <summary>The category of every entry: <c>Coro</c>.</summary>
    public const string Category = "Coro";

    private static readonly Action<ILogger, Exception?> s_mainFailed = LoggerMessage.Define(
        LogLevel.Critical,
        new EventId(1, "MainFailed"),
        "The main coroutine failed; the host stops with exit code 1.");

    private static readonly Action<ILogger, Exception?> s_mainCompleted = LoggerMessage.Define(
        LogLevel.Information,
        new EventId(2, "MainCompleted"),
        "The main coroutine completed; the host stops.");

    private static readonly Action<ILogger, Exception?> s_unobserved = LoggerMessage.Define(
        LogLevel.Error,
        new EventId(3, "UnobservedFailure"),
        "A future failed and nobody observed its failure (no yield, await, Result or Exception read it).");

    private static readonly Action<ILogger, string, long, Exception?> s_slowStepRunning = LoggerMessage.Define<string, long>(
        LogLevel.Warning,
        new EventId(4, "SlowStepRunning"),
        "{Step} is holding the loop: {Milliseconds} ms so far, and every other coroutine waits.");

    private static readonly Action<ILogger, string, long, Exception?> s_slowStepFinished = LoggerMessage.Define<string, long>(
        LogLevel.Warning,
        new EventId(5, "SlowStepFinished"),
        "{Step} held the loop for {Milliseconds} ms.");

    private static readonly Action<ILogger, string, long, Exception?> s_stillBlocked = LoggerMessage.Define<string, long>(
        LogLevel.Error,
        new EventId(6, "LoopStillBlocked"),
        "The loop did not stop within the host's shutdown timeout: {Step} holds it (it had held it {Milliseconds} ms when the watchdog last looked). The host stops without it; its thread is a background thread and ends with the process.");

    private static readonly Action<ILogger, Exception?> s_stillBlockedUnnamed = LoggerMessage.Define(
        LogLevel.Error,
        new EventId(6, "LoopStillBlocked"),
        "The loop did not stop within the host's shutdown timeout: a step that began less than a watchdog threshold ago holds it. The host stops without it; its thread is a background thread and ends with the process.");

    private static readonly Action<ILogger, Exception?> s_stopped = LoggerMessage.Define(
        LogLevel.Information,
        new EventId(7, "LoopStopped"),
        "The loop stopped with the host: its coroutines were cancelled and their finally blocks ran.");

    /// <summary>Logs a failed main with its exception, whose text names every coroutine it passed through.</summary>
    public static void MainFailed(ILogger logger, Exception failure) => s_mainFailed(logger, failure);

    public static void MainCompleted(ILogger logger) => s_mainCompleted(logger, null);

    public static void Unobserved(ILogger logger, Exception failure) => s_unobserved(logger, failure);

    public static void SlowStep(ILogger logger, SlowStep step)
    {
        long milliseconds = (long)step.Duration.TotalMilliseconds;
        if (step.Finished)
        {
            s_slowStepFinished(logger, step.Name, milliseconds, null);
        }
        else
        {
            s_slowStepRunning(logger, step.Name, milliseconds, null);
        }
    }

    /// <summary>Logs a loop that outlived the shutdown timeout, naming the step that holds it if the
    /// watchdog has seen it.</summary>
    public static void StillBlocked(ILogger logger, SlowStep? holding)
    {
        if (holding is { } step)
        {
            s_stillBlocked(logger, step.Name, (long)step.Duration.TotalMilliseconds, null);
        }
        else
        {
            s_stillBlockedUnnamed(logger, null);
        }
    }

    public static void Stopped(ILogger logger) => s_stopped(logger, null);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coro.Hosting;

/// <summary>
/// The hosted service behind <c>AddCoroutineLoop</c>: runs <see cref="EventLoop.Run(Func{Future}, EventLoopOptions)"/>
/// on a background thread of its own, with the user's main as the loop's main future, and ends it
/// when the host stops.
/// </summary>
/// <remarks>
/// <para>Thread safety: the host calls <see cref="StartAsync"/> and <see cref="StopAsync"/> from its
/// own threads; they meet the loop's thread under <see cref="_gate"/> (the loop, once it runs, and
/// whether a stop was asked for). Everything that touches coroutines (cancelling the token and the
/// main future) is posted to the loop and runs on its thread, so the token's callbacks never run
/// beside a coroutine step.</para>
/// <para>How the loop ends decides what the host is told: main completed (stop the host), main
/// failed or was cancelled by anything but the host (log it, exit code 1, stop the host), or the
/// host stopped it (nothing more to do).</para>
/// </remarks>
internal sealed class HostedLoop : IHostedService
{
    private readonly Func<IServiceProvider, CancellationToken, Future> _main;
    private readonly IServiceProvider _services;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly EventLoopOptions _options;
    private readonly SlowStepWatch _watch;
    private readonly CancellationTokenSource _stopping = new(); // not disposed: a loop still blocked after the host is gone may cancel it yet
    private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();

    private EventLoop? _loop;         // set on the loop's thread when main is called
    private Future? _mainFuture;      // touched on the loop's thread only
    private bool _stopRequested;
    private bool _started;

    public HostedLoop(
        Func<IServiceProvider, CancellationToken, Future> main,
        EventLoopOptions? options,
        IServiceProvider services,
        ILoggerFactory? loggers,
        IHostApplicationLifetime lifetime)
    {
        _main = main;
        _services = services;
        _lifetime = lifetime;
        _logger = loggers?.CreateLogger(LoopLog.Category) ?? NullLogger.Instance;
        (_options, _watch) = SlowStepWatch.Options(options, _logger);
    }

    /// <summary>Starts the loop's thread and returns at once; main runs there.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_started || _stopRequested)
            {
                return Task.CompletedTask;
            }

            _started = true;
        }

        UnobservedFailureLog.Add(_logger);

        // A background thread: a loop still blocked after the host has stopped does not keep the
        // process alive.
        var thread = new Thread(RunLoop) { IsBackground = true, Name = "Coro loop" };
        thread.Start();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Cancels the token and main on the loop's thread, then waits until the loop has closed (every
    /// <c>finally</c> ran) or <paramref name="cancellationToken"/> (the host's shutdown timeout) is
    /// cancelled; in that case logs the step that still holds the loop, and returns.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        EventLoop? loop;
        lock (_gate)
        {
            _stopRequested = true;
            if (!_started)
            {
                return;
            }

            loop = _loop;
        }

        // With no loop yet, its thread has not called main; it sees _stopRequested and does not.
        if (loop is not null)
        {
            try
            {
                loop.Post(CancelMain);
            }
            catch (InvalidOperationException)
            {
                // The loop has closed already: main ended on its own.
            }
        }

        await WhenEndedOr(cancellationToken).ConfigureAwait(false);
        if (!_ended.Task.IsCompleted)
        {
            LoopLog.StillBlocked(_logger, _watch.Holding);
        }
    }

    /// <summary>The loop's thread: runs the loop until main is done, then tells the host how it ended.</summary>
    private void RunLoop()
    {
        try
        {
            EventLoop.Run(Main, _options);
            if (!StopRequested)
            {
                LoopLog.MainCompleted(_logger);
                _lifetime.StopApplication();
            }
        }
        catch (OperationCanceledException) when (StopRequested)
        {
            LoopLog.Stopped(_logger);
        }
        catch (Exception exception)
        {
            // The exception's text names every coroutine it passed through.
            LoopLog.MainFailed(_logger, exception);
            Environment.ExitCode = 1;
            _lifetime.StopApplication();
        }
        finally
        {
            UnobservedFailureLog.Remove(_logger);
            _ended.TrySetResult(true);
        }
    }

    /// <summary>The loop's main, called on its thread: the user's main, unless the host stopped first.
    /// The watchdog names the step that calls it <c>HostedLoop.Main</c>: it runs the main coroutine's
    /// first step, and whatever the services it resolves do when they are made.</summary>
    private Future Main()
    {
        lock (_gate)
        {
            _loop = EventLoop.Current;
            if (_stopRequested)
            {
                _stopping.Cancel();
                var stopped = new Future();
                stopped.Cancel();
                return stopped;
            }
        }

        _mainFuture = _main(_services, _stopping.Token)
            ?? throw new InvalidOperationException("The main function given to AddCoroutineLoop returned null instead of a future.");
        return _mainFuture;
    }

    /// <summary>On the loop's thread: the host stops, so the token is cancelled and so is main.</summary>
    private void CancelMain()
    {
        _stopping.Cancel();
        _mainFuture?.Cancel();
    }

    private bool StopRequested
    {
        get
        {
            lock (_gate)
            {
                return _stopRequested;
            }
        }
    }

    /// <summary><c>Task.WaitAsync</c>, which netstandard2.1 lacks, without throwing: completes when
    /// the loop has ended or <paramref name="cancellationToken"/> is cancelled.</summary>
    private async Task WhenEndedOr(CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static state => ((TaskCompletionSource<bool>)state!).TrySetResult(true), cancelled))
        {
            await Task.WhenAny(_ended.Task, cancelled.Task).ConfigureAwait(false);
        }
    }
}

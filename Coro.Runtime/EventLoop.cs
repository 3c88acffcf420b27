
namespace Coro;

/// <summary>
/// Tornado's IOLoop: one thread runs callbacks, one after another, in the order they were posted.
/// Coroutines resume on the loop they started on. Start one with <see cref="Run{T}(Func{Future{T}}, TimeSpan?)"/>,
/// or, where a host owns the main loop (a game engine, a UI), make one with
/// <see cref="EventLoop(EventLoopOptions?)"/> and pump it with <see cref="RunOnce"/>.
/// </summary>
/// <remarks>
/// <para>Thread safety: <see cref="Post"/> and <see cref="Stop"/> may be called from any thread;
/// everything else belongs to the loop's own thread.</para>
/// <para>Each turn runs the callbacks that were queued when the turn began (callbacks they post run
/// in the next turn, after due timers), so a coroutine that yields <see cref="Coroutine.Moment"/>
/// lets everything queued before it run first. With nothing to do, the loop blocks until a callback
/// is posted or a timer is due; it never spins.</para>
/// <para>A callback that throws stops the loop, and <see cref="Run{T}(Func{Future{T}}, TimeSpan?)"/> rethrows the exception.</para>
/// <para>When <c>Run</c> returns, the loop closes: coroutines still suspended on it are cancelled
/// (their <c>finally</c> blocks run, on this thread), pending timers are discarded, queued
/// callbacks are dropped, and <see cref="Post"/> throws from then on.</para>
/// </remarks>
[System.Diagnostics.StackTraceHidden] // a failure rethrown by Run shows the user's frames and the coroutines, not the loop's
public sealed partial class EventLoop
{
    [ThreadStatic]
    private static EventLoop? t_current;

    private readonly EventLoopSynchronizationContext _synchronizationContext;
    private readonly TimerQueue _timers;
    private readonly SuspendedCoroutines _suspended = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly EventLoopOptions? _options;

    private EventLoop(EventLoopOptions? options, bool pumped)
    {
        _pumped = pumped;
        options?.Validate();
        _options = options;
        _synchronizationContext = new EventLoopSynchronizationContext(this);
        if (options?.Seed is { } seed)
        {
            _simulation = new SimulatedSchedule(seed, options);
            _clock = VirtualClock.ForSimulation();
        }
        else
        {
            _clock = options?.VirtualTime == true ? new VirtualClock() : options?.TimeProvider ?? TimeProvider.System;
        }

        _virtualClock = _clock as VirtualClock;
        _timers = new TimerQueue(_clock.TimestampFrequency);
        _lastReading = _clock.GetTimestamp(); // for coroutines that suspend before the first turn
    }

    /// <summary>The loop running on this thread, or null outside one.</summary>
    public static EventLoop? Current => t_current;

    /// <summary>
    /// The loop's clock: <see cref="EventLoopOptions.TimeProvider"/>, the virtual clock of
    /// <see cref="EventLoopOptions.VirtualTime"/>, or <see cref="System.TimeProvider.System"/>. Its
    /// timers and sleeps follow it; read it in code that must see the same time.
    /// </summary>
    public TimeProvider TimeProvider => _clock;

    /// <summary>
    /// Runs a new loop on this thread until the future that <paramref name="main"/> returns is done,
    /// and returns its result (Tornado's <c>run_sync</c>). <paramref name="main"/> is called on the
    /// loop, so coroutines it starts belong to it.
    /// </summary>
    /// <param name="main">Starts the program's main coroutine; called once, on the loop.</param>
    /// <param name="timeout">If given and the future is not done by then, it is cancelled and
    /// <see cref="TimeoutException"/> is thrown.</param>
    /// <exception cref="TimeoutException">The timeout passed first.</exception>
    /// <exception cref="InvalidOperationException">This thread already runs a loop, or the loop
    /// was stopped before the future was done.</exception>
    public static T Run<T>(Func<Future<T>> main, TimeSpan? timeout = null) =>
        ((Future<T>)RunToCompletion(main, null, timeout)).Result;

    /// <summary>
    /// Runs a new loop on this thread until the future that <paramref name="main"/> returns is
    /// done; rethrows its exception if it faulted. See <see cref="Run{T}(Func{Future{T}}, TimeSpan?)"/>.
    /// </summary>
    public static void Run(Func<Future> main, TimeSpan? timeout = null) =>
        RunToCompletion(main, null, timeout).ThrowIfNotSucceeded();

    /// <summary>
    /// Runs a new loop, set up by <paramref name="options"/> (its clock, a timeout, a watchdog), on
    /// this thread until the future that <paramref name="main"/> returns is done, and returns its
    /// result. See <see cref="Run{T}(Func{Future{T}}, TimeSpan?)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options contradict each other
    /// (<see cref="EventLoopOptions.VirtualTime"/> with a <see cref="EventLoopOptions.TimeProvider"/>).</exception>
    /// <exception cref="TimeoutException"><see cref="EventLoopOptions.Timeout"/> passed first.</exception>
    public static T Run<T>(Func<Future<T>> main, EventLoopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ((Future<T>)RunToCompletion(main, options, options.Timeout)).Result;
    }

    /// <summary>
    /// Runs a new loop, set up by <paramref name="options"/>, on this thread until the future that
    /// <paramref name="main"/> returns is done; rethrows its exception if it faulted. See
    /// <see cref="Run{T}(Func{Future{T}}, EventLoopOptions)"/>.
    /// </summary>
    public static void Run(Func<Future> main, EventLoopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RunToCompletion(main, options, options.Timeout).ThrowIfNotSucceeded();
    }

    /// <summary>Queues <paramref name="callback"/> to run on the loop (Tornado's
    /// <c>add_callback</c>). Thread-safe; callbacks from one thread run in the order posted.</summary>
    /// <exception cref="InvalidOperationException">The loop has closed.</exception>
    public void Post(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!TryEnqueue(callback, null))
        {
            throw new InvalidOperationException("The event loop has stopped and runs no more callbacks.");
        }
    }

    /// <summary>
    /// Runs <paramref name="callback"/> on the loop once <paramref name="delay"/> has passed
    /// (Tornado's <c>call_later</c>). Timers fire in deadline order; equal deadlines in the order set.
    /// Call it on the loop's thread.
    /// </summary>
    /// <returns>A handle whose <see cref="IDisposable.Dispose"/> cancels the timer; disposing it
    /// after the timer ran does nothing.</returns>
    public IDisposable CallLater(TimeSpan delay, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallLater(delay, callback, null);
    }

    internal TimerHandle CallLater(TimeSpan delay, Delegate callback, object? state)
    {
        ThrowIfNotLoopThread(nameof(CallLater));
        return _timers.Add(_clock.GetTimestamp(), TimerDelay(delay), callback, state);
    }

    /// <summary>Runs <paramref name="callback"/> on the loop once <paramref name="future"/> is done
    /// (Tornado's <c>add_future</c>), whichever thread completes it.</summary>
    public void AddFuture(Future future, Action<Future> callback)
    {
        ArgumentNullException.ThrowIfNull(future);
        ArgumentNullException.ThrowIfNull(callback);
        future.AddDoneCallback(done => TryEnqueue(() => callback(done), null));
    }

    /// <summary>Ends the loop after the current turn. Thread-safe. <see cref="Run{T}(Func{Future{T}}, TimeSpan?)"/> then throws
    /// <see cref="InvalidOperationException"/> if its future is not done.</summary>
    public void Stop()
    {
        _stopRequested = true;
        WakeUp();
    }

    private static Future RunToCompletion(Func<Future> main, EventLoopOptions? options, TimeSpan? timeout)
    {
        ArgumentNullException.ThrowIfNull(main);
        if (t_current is not null)
        {
            throw new InvalidOperationException(
                "This thread already runs an event loop, and loops do not nest. " +
                "Inside a coroutine, yield the future instead of calling EventLoop.Run.");
        }

        return new EventLoop(options, pumped: false).RunUntilDone(main, timeout);
    }

    private Future RunUntilDone(Func<Future> main, TimeSpan? timeout)
    {
        SynchronizationContext? outerContext = SynchronizationContext.Current;
        t_current = this;
        _threadId = Environment.CurrentManagedThreadId;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        Open();
        Future? future = null;
        bool timedOut = false;
        bool stoppedEarly = false;
        Exception? failure = null;
        try
        {
            future = CallMain(main) ?? throw new InvalidOperationException("The main function of EventLoop.Run returned null instead of a future.");
            if (!future.IsDone)
            {
                future.AddDoneCallback(_ => Stop());
                if (timeout is { } limit)
                {
                    // Timed out only if this cancel wins: main may have finished earlier in this turn.
                    CallLater(limit, () => timedOut = future.Cancel());
                }

                RunTurns();
                stoppedEarly = !future.IsDone; // before Close, which cancels a main coroutine
            }
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        Exception? closeFailure = Close();
        if (failure is null && closeFailure is null && future is { IsSucceeded: true })
        {
            closeFailure = _simulation?.FirstUnobserved(); // a simulated run fails on a failure nobody read
        }

        t_current = null;
        SynchronizationContext.SetSynchronizationContext(outerContext);
        // What the run threw, then what the close threw, by the one rule (Failures).
        var failures = default(Failures);
        if (failure is not null)
        {
            failures.Add(failure);
        }

        if (closeFailure is not null)
        {
            failures.Add(closeFailure);
        }

        failures.ThrowIfAny("The loop's run failed, and closing it threw as well.");

        if (timedOut)
        {
            throw new TimeoutException($"EventLoop.Run timed out after {timeout}; its future was cancelled.");
        }

        if (stoppedEarly)
        {
            future!.Cancel(); // a plain future; a coroutine was cancelled by Close already
            throw new InvalidOperationException("The event loop was stopped before its future was done; the future was cancelled.");
        }

        return future!;
    }

    /// <summary>
    /// Closes the loop on its thread: stops every coroutine still suspended on it (cancelled unless
    /// already done; its body disposed either way, so <c>finally</c> blocks run, even where a stop
    /// posted from another thread is still in the queue), then refuses new work and wakes every
    /// thread blocked in the synchronization context's <c>Send</c>. Returns what the finally blocks
    /// threw, if anything (one as itself, several as an <see cref="AggregateException"/>).
    /// </summary>
    private Exception? Close()
    {
        var failures = default(Failures);
        while (_suspended.TakeFirst() is { } coroutine)
        {
            try
            {
                coroutine.Close();
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }

        lock (_gate)
        {
            _closed = true;
            _incoming.Clear();
            Volatile.Write(ref _incomingCount, 0);
        }

        _closing.Cancel();
        _threadId = -1;
        _ready.Clear();
        _timers.Clear();
        CloseClock();
        return failures.ToException("Coroutines cancelled when the loop closed threw from their finally blocks.");
    }

    /// <summary>
    /// Makes the loop live on its thread (already <see cref="Current"/>): it joins the loops the
    /// metrics count, and its watchdog, if it has one, starts.
    /// </summary>
    private void Open()
    {
        LiveLoops.Add(this);
        if (_options is { SlowStepThreshold: { } threshold, SlowStep: { } report })
        {
            // Virtual time stands still while a step runs, so the watchdog measures in real time there.
            _watchdog = new Watchdog(this, _virtualClock is null ? _clock : TimeProvider.System, threshold, report);
            _watchdog.Start();
        }
    }

    /// <summary>Calls <c>main</c>, as a step the watchdog watches: its first step runs inside.</summary>
    private Future CallMain(Func<Future> main)
    {
        if (_watchdog is not { } watchdog)
        {
            return main();
        }

        watchdog.Begin(main, null);
        try
        {
            return main();
        }
        finally
        {
            watchdog.End();
        }
    }

    /// <summary>Cancelled once the loop has closed and will run no more callbacks.</summary>
    internal CancellationToken Closed => _closing.Token;

    /// <summary>
    /// Every coroutine suspended on this loop, oldest first: its name, what it waits on, the
    /// coroutines it waits for, and how long it has waited (asyncio's <c>all_tasks</c> and call
    /// graph). A snapshot, for debugging: a stuck program shows here which coroutine waits on what.
    /// A coroutine running the current step is not suspended and not listed.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread than the loop's: from
    /// there, <see cref="Post"/> a callback that calls it.</exception>
    public IReadOnlyList<CoroutineInfo> GetCoroutines()
    {
        ThrowIfNotLoopThread(nameof(GetCoroutines));
        return CoroutineSnapshot.Take(_suspended, _clock);
    }

    /// <summary>
    /// <see cref="GetCoroutines"/> as text a person reads: one line per coroutine (name, what it waits
    /// on, for how long), each coroutine it waits for indented under it, the coroutines nobody waits
    /// for first.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from another thread than the loop's.</exception>
    public string DescribeCoroutines() => CoroutineSnapshot.Describe(GetCoroutines());

    internal bool IsLoopThread => Environment.CurrentManagedThreadId == _threadId;

    internal SuspendedCoroutines Suspended => _suspended;

    private void ThrowIfNotLoopThread(string member)
    {
        if (!IsLoopThread)
        {
            throw new InvalidOperationException(
                $"EventLoop.{member} must be called on the loop's own thread; from another thread, Post a callback that calls it.");
        }
    }
}

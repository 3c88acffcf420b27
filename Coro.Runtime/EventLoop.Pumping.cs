namespace Coro;

/// <summary>
/// A loop that a host pumps (a game engine's frame, a UI dispatcher's idle callback) instead of one
/// that owns its thread: <c>new EventLoop(options)</c>, <see cref="Start{T}"/>, then
/// <see cref="RunOnce"/> once per frame, and <see cref="Dispose"/> at the end.
/// </summary>
public sealed partial class EventLoop : IDisposable
{
    private bool _pumped;   // RunOnce has opened the loop on its owner's thread
    private bool _disposed;

    /// <summary>
    /// A loop for a host to pump with <see cref="RunOnce"/> (for a loop that runs on its own, use
    /// <see cref="Run{T}(Func{Future{T}}, EventLoopOptions)"/>). <see cref="EventLoopOptions.Timeout"/>
    /// applies to <c>Run</c> only.
    /// </summary>
    /// <exception cref="ArgumentException">The options contradict each other.</exception>
    public EventLoop(EventLoopOptions? options = null)
        : this(options, pumped: true)
    {
    }

    /// <summary>
    /// Queues <paramref name="main"/> to be called on the loop's next turn, and returns a future for
    /// the result of the future it returns. Thread-safe. Cancelling the returned future cancels
    /// <paramref name="main"/>'s.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop has closed.</exception>
    public Future<T> Start<T>(Func<Future<T>> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        return StartOnNextTurn(new Future<T>(), main);
    }

    /// <inheritdoc cref="Start{T}(Func{Future{T}})"/>
    public Future Start(Func<Future> main)
    {
        ArgumentNullException.ThrowIfNull(main);
        return StartOnNextTurn(new Future<NoResult>(), main);
    }

    /// <summary>
    /// Runs one turn on the calling thread: the callbacks ready now and the timers due now (what they
    /// queue, and a coroutine that yields <c>null</c> or <see cref="Coroutine.Moment"/>, waits for the
    /// next call: one frame). Never blocks. While it runs, the loop is <see cref="Current"/> and the
    /// thread's <see cref="SynchronizationContext"/>. A callback that throws ends the call with its
    /// exception; the rest of the turn runs on the next call. Under
    /// <see cref="EventLoopOptions.VirtualTime"/> a call that finds nothing ready jumps the clock to
    /// the next deadline and runs what is due then.
    /// </summary>
    /// <returns>How many callbacks and coroutine steps ran.</returns>
    /// <exception cref="InvalidOperationException">Another thread owns the loop (the first one that
    /// called RunOnce), or this thread already runs a loop.</exception>
    /// <exception cref="ObjectDisposedException">The loop was disposed.</exception>
    public int RunOnce()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(EventLoop), "The event loop was disposed; make a new one.");
        }
        if (!_pumped)
        {
            throw new InvalidOperationException("This loop is run by EventLoop.Run; only a loop made with new EventLoop(options) is pumped.");
        }

        int owner = Interlocked.CompareExchange(ref _threadId, Environment.CurrentManagedThreadId, -1);
        if (owner == -1)
        {
            Open(); // the first pump: this thread owns the loop from now on
        }
        else if (owner != Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException("EventLoop.RunOnce must be called on the thread that first called it, which owns the loop; from another thread, Post to it.");
        }

        EventLoop? outer = t_current;
        if (outer is not null && outer != this)
        {
            throw new InvalidOperationException("This thread already runs another event loop, and loops do not nest.");
        }

        SynchronizationContext? outerContext = SynchronizationContext.Current;
        t_current = this;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        try
        {
            int count = RunTurn();
            if (count == 0 && _virtualClock is not null && IncomingCount == 0 && _timers.TryPeekDeadline(out long deadline))
            {
                // Virtual time: nothing was ready, so this pump jumps to the next deadline and runs it.
                _virtualClock.JumpTo(deadline);
                count = RunTurn();
            }

            return count;
        }
        finally
        {
            t_current = outer;
            SynchronizationContext.SetSynchronizationContext(outerContext);
        }
    }

    /// <summary>
    /// Closes the loop as <c>Run</c>'s end does: coroutines still suspended on it are cancelled (their
    /// <c>finally</c> blocks run, on this thread), timers are discarded, queued callbacks dropped, and
    /// <see cref="Post"/> throws from then on. Call it on the thread that pumps the loop. A second
    /// call does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread owns the loop.</exception>
    public void Dispose()
    {
        if (_disposed || !_pumped)
        {
            return;
        }

        int owner = Volatile.Read(ref _threadId);
        if (owner != -1 && owner != Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException("Dispose the loop on the thread that pumps it with RunOnce: its coroutines' finally blocks run there.");
        }

        _disposed = true;
        EventLoop? outer = t_current;
        t_current = this;
        _threadId = Environment.CurrentManagedThreadId; // the finally blocks run on the loop's thread
        Exception? failure;
        try
        {
            failure = Close();
        }
        finally
        {
            t_current = outer == this ? null : outer;
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private Future<TResult> StartOnNextTurn<TResult>(Future<TResult> result, Func<Future> main)
    {
        Action start = () =>
        {
            if (result.IsDone)
            {
                return; // cancelled before its turn came
            }

            Future started;
            try
            {
                started = main() ?? throw new InvalidOperationException("The main function given to EventLoop.Start returned null instead of a future.");
            }
            catch (Exception exception)
            {
                result.TrySetException(exception);
                return;
            }

            started.AddDoneCallback(done => result.TrySetOutcomeOf(done));
            result.AddDoneCallback(done =>
            {
                if (done.IsCanceled)
                {
                    started.Cancel();
                }
            });
        };
        if (!TryEnqueue(start, null))
        {
            throw new InvalidOperationException("The event loop has closed and starts nothing more.");
        }

        return result;
    }
}

namespace Coro;

/// <summary>
/// The <see cref="SynchronizationContext"/> of a running <see cref="EventLoop"/>, so that an
/// <c>await</c> in async code called from a coroutine comes back to the loop.
/// </summary>
internal sealed class EventLoopSynchronizationContext(EventLoop loop) : SynchronizationContext
{
    /// <summary>Queues the callback on the loop. Continuations that arrive after the loop has
    /// closed are dropped: the coroutines that waited for them were cancelled when it closed.</summary>
    public override void Post(SendOrPostCallback d, object? state) => loop.TryEnqueue(d, state);

    /// <summary>Runs the callback on the loop and waits for it (at once, on the loop's own thread).
    /// If the loop closes before the callback ran, the wait ends with
    /// <see cref="InvalidOperationException"/>: the callback never runs.</summary>
    public override void Send(SendOrPostCallback d, object? state)
    {
        if (loop.IsLoopThread)
        {
            d(state);
            return;
        }

        using var done = new ManualResetEventSlim();
        Exception? failure = null;
        bool queued = loop.TryEnqueue(
            () =>
            {
                try
                {
                    d(state);
                }
                catch (Exception exception)
                {
                    failure = exception;
                }
                finally
                {
                    done.Set();
                }
            },
            null);
        if (!queued || !WaitUnlessClosed(done))
        {
            throw new InvalidOperationException("The event loop has stopped and runs no more callbacks.");
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>Waits until the callback ran; false if the loop closed first (Close drops what is
    /// queued, so it would never run).</summary>
    private bool WaitUnlessClosed(ManualResetEventSlim done)
    {
        try
        {
            done.Wait(loop.Closed);
            return true;
        }
        catch (OperationCanceledException)
        {
            return done.IsSet; // it may have run just before the close
        }
    }

    public override SynchronizationContext CreateCopy() => this;
}

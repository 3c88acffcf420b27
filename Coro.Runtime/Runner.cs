using System.Collections;
using Coro.CompilerServices;

namespace Coro;

/// <summary>
/// Drives a coroutine's body to its end: the Runner of Tornado's <c>gen.py</c>, fused with the
/// coroutine's own future (one object per coroutine instead of two).
/// </summary>
/// <remarks>
/// <para>The generated wrapper runs the body's first step inline and then calls <see cref="Start"/>;
/// from then on <see cref="Run"/> resumes the body each time the future it yielded is done, always
/// on the coroutine's loop, in a <c>while (true)</c> loop, so a body that yields a million done
/// futures uses no more stack than one that yields one.</para>
/// <para>The stop protocol. The body is in one of three states: running a step (on the loop's
/// thread, or the wrapper's for the first step), suspended (<see cref="_awaiting"/> is set), or gone
/// (<see cref="_body"/> is null). Whoever makes this future done (the body's own end, a
/// <c>Cancel()</c> or an outside <c>TrySetResult</c> / <c>TrySetException</c> from any thread, the
/// closing loop) owes a stop to a body that is still there, and <see cref="OnCoroutineDone"/> is
/// where it is paid: on the loop's thread a suspended body is stopped at once; a running one is
/// stopped by <see cref="Run"/> when its step returns; from another thread the stop is posted to
/// the loop. <see cref="StopBody"/> hands back what the awaited future brought (a queue's item, a
/// permit) or cancels it, then disposes the body; it runs only on the loop's thread and does
/// nothing the second time, so a posted stop that finds the body gone is harmless. A loop that
/// closes stops every body still in its list, whether its future is done or not
/// (<see cref="ISuspendedCoroutine.Close"/>), so a stop posted too late to run is never lost.</para>
/// <para><see cref="_loop"/> is set on the wrapper's thread before the wrapper returns the future,
/// if the body is still alive then; until then nobody else can hold the future, so other threads
/// always find it set.</para>
/// </remarks>
[System.Diagnostics.StackTraceHidden] // a failure's trace shows the coroutines, not the machinery
internal sealed class Runner<TResult> : Future<TResult>, IRunner, ISuspendedCoroutine
{
    private static readonly Action<object?> s_resume = static runner => ((Runner<TResult>)runner!).Resume();
    private static readonly Action<object?> s_stopBody = static runner => ((Runner<TResult>)runner!).StopBody();

    private IEnumerator? _body;     // null once the body has finished or been disposed
    private Future? _awaiting;      // Tornado's self.future: set exactly while the body is suspended
    private EventLoop? _loop;       // where the body resumes; set when it first waits (see Complete)
    private int _suspendedSlot;     // its place in the loop's list of suspended coroutines, plus one
    private readonly Action<FailureFrame>? _failureFrame; // names it in a failure's trace; null for Coroutine.Start

    public Runner(Action<FailureFrame>? failureFrame = null)
        : base(FutureKind.Coroutine)
    {
        _failureFrame = failureFrame;
    }

    public int SuspendedSlot
    {
        get => _suspendedSlot;
        set => _suspendedSlot = value;
    }

    public Future? AwaitedFuture => _awaiting;

    internal override string Description => CoroutineName.Of(_body);

    IEnumerator? ISuspendedCoroutine.Body => _body;

    /// <summary>Tornado's <c>Runner.__init__</c>: take the body after its first yield and run it
    /// as far as it goes without waiting.</summary>
    public void Start(IEnumerator body, object? firstYielded)
    {
        _body = body;
        if (AfterStep(firstYielded) is { } done)
        {
            Run(done);
        }
    }

    /// <summary>Starts the body from the loop instead of inline: the wrapper's way out when nested
    /// coroutines have used up the stack.</summary>
    public void StartLater(IEnumerator body)
    {
        _body = body;
        if (EnsureLoop())
        {
            _awaiting = Completed; // the first MoveNext is then an ordinary resume
            NoteSuspended();
            _loop!.TryEnqueue(s_resume, this);
        }
    }

    /// <summary>The body finished at its first step without <c>Coroutine.Return</c>.</summary>
    public void FinishFirstStep(IEnumerator body)
    {
        _body = body;
        FinishWithoutReturn();
    }

    /// <summary>The body threw at its first step.</summary>
    public void FailFirstStep(IEnumerator? body, Exception exception)
    {
        _body = body;
        FinishWithException(exception);
    }

    /// <summary>A loop callback: the future the body waits on is done.</summary>
    private void Resume()
    {
        if (IsDone)
        {
            // Completed from outside while it waited; the stop sees what the body waited for.
            StopBody();
            return;
        }

        Future? future = _awaiting;
        _awaiting = null;
        if (future is not null && _body is not null)
        {
            Run(future);
        }
    }

    /// <summary>Tornado's <c>Runner.run</c>: resumes the body with the done future it yielded and
    /// drives it until it waits on a future that is not done, or ends.</summary>
    private void Run(Future future)
    {
        // Nobody takes the body away during a step (a stop waits for the step to return), so one
        // read of the field serves the whole run.
        IEnumerator body = _body!;
        while (true)
        {
            // value = future.result(): C# cannot send a value into an iterator, so the body reads
            // it from the future it yielded. Nor can it throw into one: a failure ends the coroutine.
            if (!future.IsSucceeded)
            {
                FinishWithOutcomeOf(future);
                return;
            }

            // yielded = self.gen.send(value)
            bool yieldedAgain;
            object? yielded = null;
            try
            {
                yieldedAgain = body.MoveNext();
                if (yieldedAgain)
                {
                    yielded = body.Current;
                }
            }
            catch (Exception exception)
            {
                // except Exception: the coroutine's future carries that same exception
                FinishWithException(exception);
                return;
            }

            if (!yieldedAgain)
            {
                // except StopIteration
                FinishWithoutReturn();
                return;
            }

            // The done-future fast path: a future that is already done and waited on like any
            // other, while nobody made this one done during the step; no field written, no
            // callback, no loop turn. Everything else goes the long way, through AfterStep.
            if (yielded is Future next && next.Kind < FutureKind.Return && next.IsDone && !IsDone)
            {
                future = next;
                continue;
            }

            // if not self.handle_yield(yielded): return
            if (AfterStep(yielded) is not { } done)
            {
                return;
            }

            future = done;
        }
    }

    /// <summary>
    /// What follows a step that yielded: normally <see cref="HandleYield"/>; but if this future was
    /// made done during the step (the body cancelled itself, another thread cancelled or completed
    /// it), the body stops here, and what it just yielded is abandoned with it: a queue's get or a
    /// lock's acquire is handed back or cancelled, never dropped.
    /// </summary>
    private Future? AfterStep(object? yielded)
    {
        if (ToFuture(yielded) is not { } future)
        {
            return null;
        }

        if (IsDone)
        {
            _awaiting = future;
            StopBody();
            return null;
        }

        return HandleYield(future);
    }

    /// <summary>Tornado's <c>convert_yielded</c>: what the body yielded, as a future; a value that is
    /// not yieldable faults the coroutine with <see cref="BadYieldException"/> and gives null.</summary>
    private Future? ToFuture(object? yielded)
    {
        Future? future = yielded as Future ?? (yielded is null ? Coroutine.Moment : Yieldables.ToFuture(yielded));
        if (future is null)
        {
            FinishWithBadYield(yielded!);
        }

        return future;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)] // keeps the message off the hot path
    private void FinishWithBadYield(object yielded) => FinishWithException(new BadYieldException(
        $"Coroutine {CoroutineName.Of(_body)} yielded an unknown object of type {yielded.GetType()}. {Yieldables.AdviceFor(yielded)}"));

    /// <summary>
    /// Tornado's <c>handle_yield</c>: returns the yielded future if it is already done, so
    /// <see cref="Run"/> goes on without waiting; otherwise arranges the resume (or finishes the
    /// coroutine) and returns null.
    /// </summary>
    private Future? HandleYield(Future future)
    {
        if (future.Kind >= FutureKind.Return)
        {
            if (future.Kind == FutureKind.Return)
            {
                FinishWithReturn(future);
            }
            else if (EnsureLoop())
            {
                // gen.moment: let the loop run everything queued before this coroutine goes on.
                _awaiting = future;
                NoteSuspended();
                _loop!.TryEnqueue(s_resume, this);
            }

            return null;
        }

        // The done-future fast path: no field written, no callback, no loop turn.
        if (future.IsDone)
        {
            return future;
        }

        if (!EnsureLoop())
        {
            return null;
        }

        // io_loop.add_future(future, lambda f: self.run()): OnDependencyDone posts the resume.
        _awaiting = future;
        NoteSuspended();
        if (future.TryAddContinuation(this))
        {
            return null;
        }

        _awaiting = null; // it finished in between
        return future;
    }

    /// <summary>The awaited future completed, on whatever thread: resume on the loop, never inline.</summary>
    internal override void OnDependencyDone(Future completed) => _loop!.TryEnqueue(s_resume, this);

    /// <summary>This future was made done, by anyone: pay the stop a living body is owed (see the
    /// remarks on the type).</summary>
    private protected override void OnCoroutineDone()
    {
        if (_loop is null)
        {
            // It never waited, so the body is gone, or still in its first step on the wrapper's
            // thread, the only one that can hold this future yet.
            return;
        }

        if (_loop.IsLoopThread)
        {
            if (_awaiting is not null)
            {
                StopBody(); // suspended: stop it now. Running: Run stops it when the step returns.
            }
        }
        else
        {
            // False only once the loop has closed, and its close stopped every body it had.
            _loop.TryEnqueue(s_stopBody, this);
        }
    }

    /// <summary>The closing loop abandons this coroutine: it ends cancelled unless it is done
    /// already, and its body stops either way (a stop posted from another thread may never run).</summary>
    void ISuspendedCoroutine.Close()
    {
        try
        {
            Cancel();
        }
        finally
        {
            StopBody(); // nothing left to do if Cancel stopped it
        }
    }

    /// <summary>Takes the loop of this thread the first time the body must wait, and joins the
    /// loop's list of suspended coroutines; without a loop, the coroutine faults.</summary>
    private bool EnsureLoop()
    {
        if (_loop is not null)
        {
            return true;
        }

        _loop = EventLoop.Current;
        if (_loop is null)
        {
            FinishWithException(new InvalidOperationException(
                $"Coroutine {CoroutineName.Of(_body)} must wait for a future that is not done, but no EventLoop runs on this thread. " +
                "Start it from EventLoop.Run, or from a coroutine that runs on a loop."));
            return false;
        }

        _loop.Suspended.Add(this, _loop.RecentTimestamp);
        return true;
    }

    /// <summary>Stamps the suspension with the loop's latest clock reading (no clock read here), for
    /// <see cref="CoroutineInfo.SuspendedFor"/>.</summary>
    private void NoteSuspended() => _loop!.Suspended.MarkSuspended(this, _loop.RecentTimestamp);

    /// <summary>
    /// Abandons the body, on the loop's thread: hands back what the awaited future brought, or
    /// cancels it, then disposes the body so its finally blocks run. Every part runs even if an
    /// earlier one throws (a child coroutine's finally); then the failure is rethrown (one as
    /// itself, several as an <see cref="AggregateException"/>). A second call does nothing.
    /// </summary>
    private void StopBody()
    {
        Future? awaiting = _awaiting;
        _awaiting = null;
        var failures = default(Failures);
        if (awaiting is not null)
        {
            try
            {
                Abandon(awaiting);
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }

        if (ReleaseBody() is { } failure)
        {
            failures.Add(failure);
        }

        failures.ThrowIfAny("Stopping a coroutine threw from more than one finally block.");
    }

    /// <summary>The body will never read <paramref name="awaiting"/>: cancel it if it is still
    /// pending; if it brought a result after all, give that back (it came, but nobody takes it).</summary>
    private void Abandon(Future awaiting)
    {
        if (!awaiting.IsSucceeded)
        {
            awaiting.RemoveContinuation(this);
            if (awaiting.Cancel() || !awaiting.IsSucceeded)
            {
                return;
            }
        }

        awaiting.OnResultAbandoned();
    }

    private void FinishWithReturn(Future returned)
    {
        IEnumerator? body = _body; // named only if the value does not convert: names cost allocations
        Exception? failure = ReleaseBody();
        if (failure is not null)
        {
            TrySetException(failure);
        }
        else if (typeof(TResult) == typeof(NoResult))
        {
            Complete(default!);
        }
        else if (returned is Future<TResult> typed)
        {
            Complete(typed.ResultUnchecked);
        }
        else if (Internal.ResultConversion<TResult>.TryConvert(returned.BoxedResult, out TResult? converted))
        {
            Complete(converted!);
        }
        else
        {
            TrySetException(new InvalidCastException(
                $"Coroutine {CoroutineName.Of(body)} returned a value of type {returned.BoxedResult?.GetType().ToString() ?? "null"}, " +
                $"which does not convert to its result type {typeof(TResult)}."));
        }
    }

    private void FinishWithoutReturn()
    {
        IEnumerator? body = _body;
        Exception? failure = ReleaseBody();
        if (failure is not null)
        {
            TrySetException(failure);
        }
        else if (typeof(TResult) == typeof(NoResult))
        {
            Complete(default!);
        }
        else
        {
            TrySetException(new InvalidOperationException(
                $"Coroutine {CoroutineName.Of(body)} ended without yielding Coroutine.Return(value), so it has no {typeof(TResult)} result to give."));
        }
    }

    private void FinishWithException(Exception exception)
    {
        // An exception from a finally block replaces the one in flight, as it does in C#.
        exception = ReleaseBody() ?? exception;
        if (exception is OperationCanceledException canceled)
        {
            TrySetCanceled(canceled); // as an async method does: an OperationCanceledException cancels
        }
        else
        {
            TrySetException(exception);
        }
    }

    private void FinishWithOutcomeOf(Future failed)
    {
        IEnumerator? body = _body; // names the coroutine in the failure's stack trace
        Exception? failure = ReleaseBody();
        if (failure is not null)
        {
            failed.MarkObserved();
            TrySetException(failure);
        }
        else if (failed.IsFaulted)
        {
            // The failure passed through this coroutine: its stack trace says so (FailureChain).
            TrySetException(FailureChain.Through(failed.ObserveException(), body, _failureFrame));
        }
        else
        {
            TrySetOutcomeOf(failed);
        }
    }

    /// <summary>
    /// Succeeds with <paramref name="result"/>. Until the coroutine first waits, nobody else can hold
    /// its future (the wrapper has not returned it yet), so a coroutine that finishes inside its first
    /// step completes without atomic operations; after that, completion is thread-safe as usual.
    /// </summary>
    private void Complete(TResult result)
    {
        if (_loop is not null) // it has waited: others may hold this future
        {
            TrySetResult(result);
        }
        else
        {
            SetResultUnshared(result);
        }
    }

    /// <summary>Disposes the body (its finally blocks and using scopes run) and leaves the loop's
    /// list of suspended coroutines. Returns what the finally blocks threw, if anything.</summary>
    private Exception? ReleaseBody()
    {
        IEnumerator? body = _body;
        _body = null;
        _awaiting = null;
        _loop?.Suspended.Remove(this);
        try
        {
            (body as IDisposable)?.Dispose();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}

/// <summary>What <see cref="CoroutineWrapper"/> needs of a Runner, whatever its result type.</summary>
internal interface IRunner
{
    void Start(IEnumerator body, object? firstYielded);

    void StartLater(IEnumerator body);

    void FinishFirstStep(IEnumerator body);

    void FailFirstStep(IEnumerator? body, Exception exception);
}

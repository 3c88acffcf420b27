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
/// <para>The stop protocol (docs/semantics.md, "Stopping a coroutine"). Only the body's end
/// (<see cref="Finish"/>, which disposes the body first) and <c>Cancel()</c> end this future; the
/// public completers throw for it (<see cref="Future.EnsureCompletedByUser"/>). So only a
/// cancellation can find the body alive: running a step (on the loop's thread, or the wrapper's for
/// the first step) or suspended (<see cref="_awaiting"/> is set). <see cref="OnCanceled"/> stops a
/// suspended body at once on the loop's thread, leaves a running one to <see cref="AfterStep"/>,
/// and from another thread posts the stop to the loop. <see cref="StopBody"/> runs only on the
/// loop's thread and does nothing the second time; a closing loop stops every body still in its
/// list (<see cref="ISuspendedCoroutine.Close"/>), so a stop posted too late to run is never lost.</para>
/// <para><see cref="_loop"/> is set on the wrapper's thread before the wrapper returns the future,
/// if the body is still alive then; until then nobody else can hold the future, so other threads
/// always find it set.</para>
/// </remarks>
[System.Diagnostics.StackTraceHidden] // a failure's trace shows the coroutines, not the machinery
internal sealed class Runner<TResult> : Future<TResult>, ISuspendedCoroutine
{
    private static readonly Action<object?> s_resume = static runner => ((Runner<TResult>)runner!).Resume();

    private IEnumerator? _body;     // null once the body has finished or been disposed
    private Future? _awaiting;      // Tornado's self.future: set exactly while the body is suspended
    private EventLoop? _loop;       // where the body resumes; set when it first waits (see Complete)
    private int _suspendedSlot;     // its place in the loop's list of suspended coroutines, plus one
    private readonly Action<FailureFrame>? _failureFrame; // names it in a failure's trace; null for Coroutine.Start

    public Runner(Action<FailureFrame>? failureFrame = null)
        : base(FutureKind.Coroutine)
    {
        _failureFrame = failureFrame;
        if (CoroMetrics.Started.Enabled) // the coroutines.started metric: one field read when nobody listens
        {
            CoroMetrics.Started.Add(1);
        }
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

    /// <summary>The body ended at its first step: it ran off its end, or threw
    /// <paramref name="thrown"/> (then <paramref name="body"/> is null if calling the method threw).</summary>
    public void FinishFirstStep(IEnumerator? body, Exception? thrown = null)
    {
        _body = body;
        Finish(thrown: thrown);
    }

    /// <summary>A loop callback: the future the body waits on is done, or the coroutine was
    /// cancelled from another thread.</summary>
    private void Resume()
    {
        if (IsDone)
        {
            StopBody(); // cancelled: stop the body instead (a second call does nothing)
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
                Finish(future);
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
                Finish(thrown: exception);
                return;
            }

            if (!yieldedAgain)
            {
                // except StopIteration
                Finish();
                return;
            }

            // The done-future fast path: a future that is already done and waited on like any
            // other, while nobody cancelled this one during the step; no field written, no
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
    /// cancelled during the step (by the body itself, another coroutine or another thread), the body
    /// stops here, and what it just yielded is abandoned with it: a queue's get or a lock's acquire
    /// is handed back or cancelled, never dropped.
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
    private void FinishWithBadYield(object yielded) => Finish(thrown: new BadYieldException(
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
                Finish(future);
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

    /// <summary>Cancel() was called, on any thread: pay the stop a living body is owed (see the
    /// remarks on the type).</summary>
    private protected override void OnCanceled()
    {
        if (_loop is null)
        {
            // It never waited, so the body is gone, or still in its first step on the wrapper's
            // thread, the only one that can hold this future yet (AfterStep stops it).
            return;
        }

        if (!_loop.IsLoopThread)
        {
            // Resume stops it. False only once the loop has closed, and its close stopped every body it had.
            _loop.TryEnqueue(s_resume, this);
        }
        else if (_awaiting is not null)
        {
            StopBody(); // suspended: stop it now. Running: AfterStep stops it when the step returns.
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
            Finish(thrown: new InvalidOperationException(
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

    /// <summary>
    /// Tornado's <c>finally: self.finished = True</c>: disposes the body (its finally blocks run), then
    /// ends this future with what ended the body: <paramref name="thrown"/> (an exception from the
    /// body, or from the Runner about it); else <paramref name="ending"/>, a <c>Coroutine.Return</c>
    /// or a yielded future that did not succeed; else the body ran off its end. An exception from a
    /// finally block replaces any of these, as it does in C#. A failure is named in messages and the
    /// stack trace by the body, read before it is released.
    /// </summary>
    private void Finish(Future? ending = null, Exception? thrown = null)
    {
        IEnumerator? body = _body; // named only where a message or trace needs it: names cost allocations
        if (ReleaseBody() is { } fromFinally)
        {
            ending?.MarkObserved();
            thrown = fromFinally;
        }

        if (thrown is not null)
        {
            if (thrown is OperationCanceledException canceled)
            {
                TrySetCanceled(canceled); // as an async method does: an OperationCanceledException cancels
            }
            else
            {
                TryFail(thrown);
            }
        }
        else if (ending is { IsFaulted: true })
        {
            // The failure passed through this coroutine: its stack trace says so (FailureChain).
            TrySetException(FailureChain.Through(ending.ObserveException(), body, _failureFrame));
        }
        else if (ending is { IsCanceled: true })
        {
            TrySetCanceled(ending.CancellationException());
        }
        else if (typeof(TResult) == typeof(NoResult))
        {
            Complete(default!);
        }
        else if (ending is Future<TResult> typed)
        {
            Complete(typed.ResultUnchecked);
        }
        else if (ending is not null && Internal.ResultConversion<TResult>.TryConvert(ending.BoxedResult, out TResult? converted))
        {
            Complete(converted!);
        }
        else
        {
            TryFail(ending is null
                ? new InvalidOperationException(
                    $"Coroutine {CoroutineName.Of(body)} ended without yielding Coroutine.Return(value), so it has no {typeof(TResult)} result to give.")
                : new InvalidCastException(
                    $"Coroutine {CoroutineName.Of(body)} returned a value of type {ending.BoxedResult?.GetType().ToString() ?? "null"}, " +
                    $"which does not convert to its result type {typeof(TResult)}."));
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
            TrySucceed(result);
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

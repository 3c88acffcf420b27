using System.Collections;
using System.Globalization;

namespace Coro;

/// <summary>
/// Drives a coroutine's body to its end: the Runner of Tornado's <c>gen.py</c>, fused with the
/// coroutine's own future (one object per coroutine instead of two).
/// </summary>
/// <remarks>
/// The generated wrapper runs the body's first step inline and then calls <see cref="Start"/>; from
/// then on <see cref="Run"/> resumes the body each time the future it yielded is done, always on the
/// coroutine's loop, in a <c>while (true)</c> loop, so a body that yields a million done futures
/// uses no more stack than one that yields one. Everything here runs on the loop's thread, except
/// <see cref="OnDependencyDone"/> (any thread: it only posts) and <see cref="OnCanceled"/> (which
/// moves to the loop unless it is already there).
/// </remarks>
internal sealed class Runner<TResult> : Future<TResult>, IRunner, ISuspendedCoroutine
{
    private static readonly Action<object?> s_resume = static runner => ((Runner<TResult>)runner!).Resume();
    private static readonly Action<object?> s_stopBody = static runner => ((Runner<TResult>)runner!).StopBody();

    private IEnumerator? _body;     // null once the body has finished or been disposed
    private Future? _awaiting;      // Tornado's self.future: set exactly while the body is suspended
    private EventLoop? _loop;       // where the body resumes; set when it first waits (see Complete)

    public ISuspendedCoroutine? PreviousSuspended { get; set; }

    public ISuspendedCoroutine? NextSuspended { get; set; }

    /// <summary>Tornado's <c>Runner.__init__</c>: take the body after its first yield and run it
    /// as far as it goes without waiting.</summary>
    public void Start(IEnumerator body, object? firstYielded)
    {
        _body = body;
        if (IsDone)
        {
            StopBody(); // cancelled before it started
        }
        else if (HandleYield(firstYielded) is { } done)
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
        Future? future = _awaiting;
        _awaiting = null;

        if (IsDone)
        {
            StopBody(); // cancelled, or completed from outside, while it waited
        }
        else if (future is not null && _body is not null)
        {
            Run(future);
        }
    }

    /// <summary>Tornado's <c>Runner.run</c>: resumes the body with the done future it yielded and
    /// drives it until it waits on a future that is not done, or ends.</summary>
    private void Run(Future future)
    {
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
                yieldedAgain = _body!.MoveNext();
                if (yieldedAgain)
                {
                    yielded = _body.Current;
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

            // The body cancelled its own future during that step.
            if (IsDone)
            {
                StopBody();
                return;
            }

            // if not self.handle_yield(yielded): return
            // (a done future comes back and the loop goes on: the done-future fast path)
            if (HandleYield(yielded) is not { } done)
            {
                return;
            }

            future = done;
        }
    }

    /// <summary>
    /// Tornado's <c>handle_yield</c>: turns what the body yielded into a future. Returns it if it
    /// is already done, so <see cref="Run"/> goes on without waiting; otherwise arranges the resume
    /// (or finishes the coroutine) and returns null.
    /// </summary>
    private Future? HandleYield(object? yielded)
    {
        Future? future = yielded as Future ?? (yielded is null ? Coroutine.Moment : Yieldables.ToFuture(yielded));
        if (future is null)
        {
            FinishWithException(new BadYieldException(
                $"Coroutine {CoroutineName.Of(_body)} yielded an unknown object of type {yielded!.GetType()}. " +
                "Yield a Future, a Task, a ValueTask, an array of them, null, or Coroutine.Return(value)."));
            return null;
        }

        if (future.Kind != FutureKind.Plain)
        {
            if (future.Kind == FutureKind.Return)
            {
                FinishWithReturn(future);
            }
            else if (EnsureLoop())
            {
                // gen.moment: let the loop run everything queued before this coroutine goes on.
                _awaiting = future;
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
        if (future.TryAddContinuation(this))
        {
            return null;
        }

        _awaiting = null; // it finished in between
        return future;
    }

    /// <summary>The awaited future completed, on whatever thread: resume on the loop, never inline.</summary>
    internal override void OnDependencyDone(Future completed) => _loop!.TryEnqueue(s_resume, this);

    /// <summary>Cancel() has made this future Canceled; the body must stop, on the loop's thread.</summary>
    private protected override void OnCanceled()
    {
        if (_loop is null || _loop.IsLoopThread)
        {
            // Only a suspended body has an awaited future. Without one, the body is running on this
            // thread (it cancelled itself), and Run stops it as soon as its step returns.
            if (_awaiting is not null)
            {
                StopBody();
            }
        }
        else
        {
            _loop.TryEnqueue(s_stopBody, this);
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

        _loop.Suspended.Add(this);
        return true;
    }

    /// <summary>Abandons the body: cancels the future it waits on, then disposes it so its
    /// finally blocks run. Used when this future was cancelled or completed from outside.</summary>
    private void StopBody()
    {
        Future? awaiting = _awaiting;
        _awaiting = null;
        if (awaiting is { IsSucceeded: true })
        {
            awaiting.OnResultAbandoned(); // it came, but the body will never read it
        }
        else if (awaiting is not null)
        {
            awaiting.RemoveContinuation(this);
            awaiting.Cancel();
        }

        Exception? failure = ReleaseBody();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
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
            TryCancel(canceled); // as an async method does: an OperationCanceledException cancels
        }
        else
        {
            TrySetException(exception);
        }
    }

    private void FinishWithOutcomeOf(Future failed)
    {
        Exception? failure = ReleaseBody();
        if (failure is not null)
        {
            failed.MarkObserved();
            TrySetException(failure);
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

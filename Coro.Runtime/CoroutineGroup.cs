using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>
/// A future that owns the futures added to it (structured concurrency: Trio's nursery, asyncio's
/// <c>TaskGroup</c>). It is done when every child has ended; if one child fails, the group cancels
/// the others, waits until each has ended, then fails with every failure.
/// </summary>
/// <example>
/// <code>
/// using var group = new CoroutineGroup();
/// Future&lt;string&gt; a = group.Add(FetchAsync(urlA));
/// Future&lt;string&gt; b = group.Add(FetchAsync(urlB));
/// yield return group;     // done when every child is done
/// Use(a.Result, b.Result);
/// </code>
/// </example>
/// <remarks>
/// <para><b>Waited on.</b> A group completes only once something waits on it: a coroutine yields
/// it, code <c>await</c>s it, a callback is added (<see cref="Future.AddDoneCallback"/>,
/// <see cref="Future.AsTask"/>, <see cref="EventLoop.AddFuture"/>), or a combinator such as
/// <see cref="Future.Settled"/>, <see cref="Future.WithTimeout"/> or <see cref="Future.All(Future[])"/>
/// takes it. Until then its children may all have ended and it is still pending, so a body can
/// go on adding children between yields of other futures. Once waited on, it stays so.</para>
/// <para><b>Failures.</b> The first child to fault (waited on yet or not) makes the group cancel
/// every child still running; children added from then on are cancelled as they are added. When
/// all have ended and the group has been waited on, it faults: with that child's exception object
/// if it is the only failure, else with an <see cref="AggregateException"/> of every failure in the
/// order they happened. An exception a child's <c>finally</c> block throws while the group
/// cancels it counts as a failure, in its place in that order. Children that were cancelled (by the
/// group or from outside) are not failures.</para>
/// <para><b>Cancelling.</b> <see cref="Future.Cancel"/> on the group cancels every child still
/// running (each of them, even if one throws), then its waiters see it cancelled; what the
/// children's cancellation threw comes out of <c>Cancel()</c> (one exception as itself, several as
/// an <see cref="AggregateException"/>). Failures recorded before
/// the cancel stay with their children, which report them through
/// <see cref="Future.UnobservedException"/> if nobody else reads them. <see cref="Dispose"/>
/// cancels a group that is not done, so a body that leaves its <c>using</c> early stops its children.</para>
/// <para><b>Threads.</b> <see cref="Add"/>, <c>Cancel()</c> and <see cref="Dispose"/> may be called
/// from any thread, and children may complete on any thread. A child on the loop thread that the
/// group cancels has run its <c>finally</c> blocks before the group sees it end.</para>
/// <para>Only its children and <c>Cancel()</c> end a group: <c>SetResult</c>, <c>SetException</c>
/// and their <c>Try</c> forms throw <see cref="InvalidOperationException"/> on it, as on every future
/// Coro completes itself.</para>
/// </remarks>
public sealed class CoroutineGroup : Future, IDisposable
{
    private readonly object _gate = new();

    // Guarded by _gate. Children in the order added; ended ones are swept out in batches, so a
    // long-lived group that runs many short children does not keep them all.
    private readonly List<Future> _children = [];
    private int _running;       // children added whose end the group has not seen yet
    private int _cancelling;    // fan-outs under way: the group must not finish in the middle of one
    private bool _waitedOn;
    private bool _aborting;     // a child failed: the others are being cancelled
    private bool _finished;     // the outcome is decided (or the group was cancelled): no more children

    // Guarded by _gate. What failed, in order: a faulted child (its exception is read only when the
    // group faults, so a group cancelled first leaves it unobserved), or the ExceptionDispatchInfo of
    // what a child's finally block threw while the group cancelled it.
    private List<object>? _failures;

    /// <summary>Creates an empty group. Add children with <see cref="Add"/>, then wait on it (yield it).</summary>
    public CoroutineGroup()
        : base(FutureKind.Owned, succeeded: false)
    {
    }

    /// <summary>
    /// Makes <paramref name="child"/> a child of this group and returns it, so that
    /// <c>var page = group.Add(FetchAsync(url));</c> keeps the typed future. A child that is already
    /// done counts at once. A child added after another child failed is cancelled at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The group is done.</exception>
    /// <exception cref="ArgumentException"><paramref name="child"/> is the group itself.</exception>
    public T Add<T>(T child)
        where T : Future
    {
        ArgumentNullException.ThrowIfNull(child);
        if (ReferenceEquals(child, this))
        {
            throw new ArgumentException("A CoroutineGroup cannot be its own child: it would wait for itself forever.", nameof(child));
        }

        bool cancelAtOnce;
        lock (_gate)
        {
            if (_finished || IsDone)
            {
                throw new InvalidOperationException(
                    "This CoroutineGroup is done, so it takes no more children: a group completes once it has been waited on " +
                    "and every child has ended. Add every child before the last one ends, or start a new group.");
            }

            _children.Add(child);
            _running++;
            cancelAtOnce = _aborting;
            if (cancelAtOnce)
            {
                _cancelling++;
            }
        }

        if (!child.TryAddContinuation(this))
        {
            OnDependencyDone(child);
        }

        if (cancelAtOnce)
        {
            CancelForFailure([child]);
        }

        return child;
    }

    /// <summary>
    /// Cancels the group if it is not done (its children still running are cancelled); after the
    /// group is done it does nothing. A <c>using</c> in a coroutine body calls it when the body
    /// leaves the scope, also by an exception or by being cancelled.
    /// </summary>
    public void Dispose()
    {
        if (!IsDone)
        {
            Cancel();
        }
    }

    /// <summary>The children that have not ended, in the order they were added: what a coroutine
    /// waiting on this group waits for (for introspection of the loop's coroutines).</summary>
    internal IReadOnlyList<Future> RunningChildren
    {
        get
        {
            lock (_gate)
            {
                return _children.FindAll(static child => !child.IsDone);
            }
        }
    }

    internal override string Description => $"CoroutineGroup of {RunningChildren.Count} running";

    internal override IEnumerable<Future> Dependencies => RunningChildren;

    /// <summary>Something registered to run when the group completes: from now on it may complete.
    /// Called by <see cref="Future.TryAddContinuation"/>, before it checks whether the group is done.</summary>
    internal void OnWaitedOn()
    {
        if (Volatile.Read(ref _waitedOn))
        {
            return;
        }

        bool finish;
        lock (_gate)
        {
            _waitedOn = true;
            finish = TryDecideFinish();
        }

        if (finish)
        {
            Finish();
        }
    }

    /// <summary>A child ended, on whatever thread ended it.</summary>
    internal override void OnDependencyDone(Future completed)
    {
        Future[]? toCancel = null;
        bool finish = false;
        lock (_gate)
        {
            _running--;
            if (completed.IsFaulted && !_finished)
            {
                (_failures ??= []).Add(completed);
                if (!_aborting)
                {
                    _aborting = true;
                    _cancelling++;
                    toCancel = [.. _children];
                }
            }

            SweepEnded();
            if (toCancel is null)
            {
                finish = TryDecideFinish();
            }
        }

        if (toCancel is not null)
        {
            CancelForFailure(toCancel);
        }
        else if (finish)
        {
            Finish();
        }
    }

    /// <summary>Cancel() made the group Canceled: cancel every child, even if one's cancellation throws.</summary>
    private protected override void OnCanceled()
    {
        Future[] children;
        lock (_gate)
        {
            _finished = true;
            children = [.. _children];
        }

        Failures.CancelEach(children); // every child, then what they threw, by the one rule
    }

    /// <summary>
    /// After a child failed: cancels <paramref name="children"/> (the caller counted this fan-out in
    /// <see cref="_cancelling"/>), records what their cancellation threw, then lets the group finish.
    /// </summary>
    private void CancelForFailure(Future[] children)
    {
        foreach (Future child in children)
        {
            try
            {
                child.Cancel();
            }
            catch (Exception exception)
            {
                lock (_gate)
                {
                    if (!_finished)
                    {
                        (_failures ??= []).Add(ExceptionDispatchInfo.Capture(exception));
                    }
                }
            }
        }

        bool finish;
        lock (_gate)
        {
            _cancelling--;
            finish = TryDecideFinish();
        }

        if (finish)
        {
            Finish();
        }
    }

    /// <summary>Under the gate: true (once) when the group must now complete.</summary>
    private bool TryDecideFinish()
    {
        if (_finished || !_waitedOn || _running != 0 || _cancelling != 0)
        {
            return false;
        }

        _finished = true;
        return true;
    }

    /// <summary>Completes the group with its outcome. _failures no longer changes once _finished is set.</summary>
    private void Finish()
    {
        if (_failures is null)
        {
            TrySucceed();
        }
        else if (_failures.Count == 1)
        {
            TrySetException(Captured(_failures[0]));
        }
        else
        {
            var exceptions = new Exception[_failures.Count];
            for (int i = 0; i < exceptions.Length; i++)
            {
                exceptions[i] = Captured(_failures[i]).SourceException;
            }

            TryFail(new AggregateException(
                $"{exceptions.Length} children of the CoroutineGroup failed; InnerExceptions holds each failure in the order they happened.",
                exceptions));
        }
    }

    private static ExceptionDispatchInfo Captured(object failure) =>
        failure as ExceptionDispatchInfo ?? ((Future)failure).ObserveException();

    /// <summary>Under the gate: drops ended children once they are most of the list (amortized O(1)).</summary>
    private void SweepEnded()
    {
        if (_children.Count >= 32 && _running < _children.Count / 2)
        {
            _children.RemoveAll(static child => child.IsDone);
        }
    }
}

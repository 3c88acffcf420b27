namespace Coro;

/// <summary>
/// <see cref="Future.All(Future[])"/> that hands its results back in another shape: under their
/// keys (<see cref="Future.All{TKey, T}(IReadOnlyDictionary{TKey, Future{T}})"/>) or as a tuple
/// (<see cref="Future.Gather{T1, T2}(Future{T1}, Future{T2})"/>). It waits on the sequence
/// <c>All</c> of the same children and only reshapes that one's success, so failing fast, observing
/// later failures and cancelling the children are exactly the sequence form's.
/// </summary>
internal sealed class ProjectedAllFuture<TResult> : Future<TResult>
{
    private readonly string _combinator;
    private readonly Future[] _children;
    private readonly AllFuture<NoResult> _all;
    private readonly Func<Future[], TResult> _project;

    /// <param name="combinator">The public name, for <see cref="Description"/>.</param>
    /// <param name="children">The futures, none null.</param>
    /// <param name="project">Builds the result from the children once all have succeeded.</param>
    public ProjectedAllFuture(string combinator, Future[] children, Func<Future[], TResult> project)
        : base(FutureKind.Owned)
    {
        _combinator = combinator;
        _children = children;
        _project = project;
        _all = new AllFuture<NoResult>(children);
        if (!_all.TryAddContinuation(this))
        {
            OnDependencyDone(_all);
        }
    }

    /// <summary>What this future waits on, in words a person reads ("Future.All of 3",
    /// "Future.Gather of 2"), for tools that show what a coroutine waits for.</summary>
    internal override string Description => $"{_combinator} of {_children.Length}";

    /// <summary>The futures it waits on, in argument (or the dictionary's) order.</summary>
    internal override IEnumerable<Future> Dependencies => _children;

    internal override void OnDependencyDone(Future completed)
    {
        if (completed.IsSucceeded)
        {
            TrySucceed(_project(_children));
        }
        else
        {
            TrySetOutcomeOf(completed); // observes the failure there; this future now carries it
        }
    }

    internal override void OnResultAbandoned() => _all.OnResultAbandoned();

    private protected override void OnCanceled() => _all.Cancel();
}

namespace Coro;

/// <summary>
/// <see cref="Future.All(Future[])"/>, Tornado's <c>multi</c>: succeeds with every result, in
/// argument order, once all have succeeded. The first child to fault or be cancelled ends it at once
/// with that outcome, and the other children go on (a cancelled child is an outcome like a fault, not
/// a request to cancel its siblings); it still watches them, so their later failures count as
/// observed. Cancelling the All itself cancels every child.
/// </summary>
internal sealed class AllFuture<T> : Future<T[]>
{
    private readonly Future[] _children;
    private int _remaining;

    public AllFuture(Future[] children)
        : base(FutureKind.Owned)
    {
        _children = children;
        _remaining = children.Length;
        if (children.Length == 0)
        {
            TrySucceed([]);
            return;
        }

        foreach (Future child in children)
        {
            if (!child.TryAddContinuation(this))
            {
                OnDependencyDone(child);
            }
        }
    }

    internal override void OnDependencyDone(Future completed)
    {
        if (!completed.IsSucceeded)
        {
            // First failure wins; a later one is observed by TrySetOutcomeOf all the same.
            TrySetOutcomeOf(completed);
        }

        if (Interlocked.Decrement(ref _remaining) == 0 && !IsDone)
        {
            TrySucceed(Results());
        }
    }

    internal override string Description => $"Future.All of {_children.Length}";

    internal override IEnumerable<Future> Dependencies => _children;

    internal override void OnResultAbandoned()
    {
        foreach (Future child in _children)
        {
            child.OnResultAbandoned();
        }
    }

    private protected override void OnCanceled() => Failures.CancelEach(_children);

    private T[] Results()
    {
        if (typeof(T) == typeof(NoResult))
        {
            return null!; // a plain Future has no result to collect
        }

        var results = new T[_children.Length];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = ((Future<T>)_children[i]).ResultUnchecked;
        }

        return results;
    }
}

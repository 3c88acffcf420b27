namespace Coro;

/// <summary>
/// <see cref="Future.Any(Future[])"/>: succeeds with the first child to complete, however it
/// completed (like <see cref="Task.WhenAny(Task[])"/>). Cancelling it cancels the children.
/// </summary>
internal sealed class AnyFuture<TFuture> : Future<TFuture>
    where TFuture : Future
{
    private readonly TFuture[] _children;

    public AnyFuture(TFuture[] children)
        : base(FutureKind.Owned)
    {
        _children = children;
        foreach (TFuture child in children)
        {
            if (!child.TryAddContinuation(this))
            {
                OnDependencyDone(child);
                break;
            }
        }
    }

    internal override void OnDependencyDone(Future completed)
    {
        if (TrySucceed((TFuture)completed))
        {
            // Let the others forget this future rather than keep it alive until they finish.
            foreach (TFuture child in _children)
            {
                child.RemoveContinuation(this);
            }
        }
    }

    internal override string Description => $"Future.Any of {_children.Length}";

    internal override IEnumerable<Future> Dependencies => _children;

    private protected override void OnCanceled() => Failures.CancelEach(_children);
}

namespace Coro;

/// <summary><see cref="Future.FromTask(Task)"/> of a task that is not done yet: a future that only
/// the task's continuation completes, named so that a coroutine waiting on it shows <c>Task</c>.</summary>
internal sealed class TaskFuture<T> : Future<T>, IFromOutside
{
    public TaskFuture()
        : base(FutureKind.Owned)
    {
    }

    internal override string Description => "Task";
}

namespace Coro;

/// <summary><see cref="Future.FromTask(Task)"/> of a task that is not done yet: a future that only
/// the task's continuation completes, named so that a coroutine waiting on it shows <c>Task</c>.</summary>
internal sealed class TaskFuture<T> : Future<T>
{
    private SimulatedSchedule? _simulation; // a simulated loop waits for the task instead of deadlocking

    public TaskFuture()
        : base(FutureKind.Owned)
    {
    }

    internal override string Description => "Task";

    /// <summary>Completes this future when <paramref name="task"/> completes, on the task's thread.</summary>
    internal void CompleteFrom(Task task)
    {
        if (task.IsCompleted)
        {
            SetOutcomeOf(task);
            return;
        }

        _simulation = EventLoop.Current?.Simulated;
        _simulation?.OutsideStarted();
        task.ContinueWith(
            static (completed, state) => ((TaskFuture<T>)state!).Complete(completed),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Complete(Task completed)
    {
        try
        {
            SetOutcomeOf(completed); // what waits on this future is posted to the loop in here
        }
        finally
        {
            _simulation?.OutsideEnded();
        }
    }
}

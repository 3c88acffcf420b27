namespace Coro;

public partial class Future
{
    /// <summary>A future that has already succeeded; yielding it costs no allocation.</summary>
    public static Future Completed { get; } = new(FutureKind.Plain, succeeded: true);

    /// <summary>A future that has already succeeded with <paramref name="result"/>.</summary>
    public static Future<T> FromResult<T>(T result) => new(result);

    /// <summary>A future that has already faulted with <paramref name="exception"/>.</summary>
    public static Future FromException(Exception exception) => FromException<NoResult>(exception);

    /// <summary>A future that has already faulted with <paramref name="exception"/>.</summary>
    public static Future<T> FromException<T>(Exception exception)
    {
        var future = new Future<T>();
        future.SetException(exception);
        return future;
    }

    /// <summary>A future that has already been cancelled, carrying <paramref name="cancellationToken"/>
    /// in its <see cref="OperationCanceledException"/>.</summary>
    public static Future FromCanceled(CancellationToken cancellationToken = default) =>
        FromCanceled<NoResult>(cancellationToken);

    /// <summary>A future that has already been cancelled, carrying <paramref name="cancellationToken"/>
    /// in its <see cref="OperationCanceledException"/>.</summary>
    public static Future<T> FromCanceled<T>(CancellationToken cancellationToken = default)
    {
        var future = new Future<T>();
        future.TrySetCanceled(new OperationCanceledException(cancellationToken));
        return future;
    }

    /// <summary>
    /// A future that completes as <paramref name="task"/> does. A faulted task gives the task's own
    /// exception (the first, as <c>await</c> does), not an <see cref="AggregateException"/>; a
    /// cancelled task gives a cancelled future. A coroutine that yields it resumes on its own loop,
    /// never on the thread pool.
    /// </summary>
    public static Future FromTask(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            return Completed;
        }

        var future = new TaskFuture<NoResult>();
        future.CompleteFrom(task);
        return future;
    }

    /// <summary>
    /// A future that completes as <paramref name="task"/> does, with its result. See
    /// <see cref="FromTask(Task)"/> for failures and cancellation.
    /// </summary>
    public static Future<T> FromTask<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsCompletedSuccessfully)
        {
            return new Future<T>(task.Result);
        }

        var future = new TaskFuture<T>();
        future.CompleteFrom(task);
        return future;
    }

    /// <summary>A future that completes as <paramref name="task"/> does.</summary>
    public static Future FromValueTask(ValueTask task) =>
        task.IsCompletedSuccessfully ? Completed : FromTask(task.AsTask());

    /// <summary>A future that completes as <paramref name="task"/> does, with its result.</summary>
    public static Future<T> FromValueTask<T>(ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new Future<T>(task.Result) : FromTask(task.AsTask());

    /// <summary>Converts a task, so that a body typed <c>IEnumerable&lt;Future&gt;</c> can yield it.</summary>
    public static implicit operator Future(Task task) => FromTask(task);

    /// <summary>Converts a value task, so that a body typed <c>IEnumerable&lt;Future&gt;</c> can yield it.</summary>
    public static implicit operator Future(ValueTask task) => FromValueTask(task);
}

public partial class Future<T>
{
    /// <summary>Converts a task, keeping its result type.</summary>
    public static implicit operator Future<T>(Task<T> task) => FromTask(task);

    /// <summary>Converts a value task, keeping its result type.</summary>
    public static implicit operator Future<T>(ValueTask<T> task) => FromValueTask(task);

    /// <summary>Completes this future as <paramref name="task"/> ended.</summary>
    internal void SetOutcomeOf(Task task)
    {
        if (task.IsCompletedSuccessfully)
        {
            TrySucceed(task is Task<T> typed ? typed.Result : default!);
        }
        else if (task.IsCanceled)
        {
            TrySetCanceled(CanceledExceptionOf(task));
        }
        else
        {
            // await's rule: the first inner exception, with the stack trace it was thrown with.
            TryFail(task.Exception!.InnerExceptions[0]);
        }
    }

    private static OperationCanceledException CanceledExceptionOf(Task task)
    {
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException exception)
        {
            return exception;
        }

        return new OperationCanceledException();
    }
}

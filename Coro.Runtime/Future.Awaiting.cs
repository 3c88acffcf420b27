using System.Runtime.CompilerServices;

namespace Coro;

public partial class Future
{
    /// <summary>Lets async code <c>await</c> the future. The continuation returns to the awaiting
    /// code's <see cref="SynchronizationContext"/> (an <see cref="EventLoop"/>'s, inside a loop).</summary>
    public FutureAwaiter GetAwaiter() => new(this);

    /// <summary>A task that completes as this future does (a cancelled future gives a cancelled task).</summary>
    public Task AsTask() => AsTask<NoResult>();

    private protected Task<TResult> AsTask<TResult>()
    {
        var source = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        AddDoneCallback(future =>
        {
            if (future.IsSucceeded)
            {
                source.TrySetResult(future is Future<TResult> typed ? typed.ResultUnchecked : default!);
            }
            else if (future.IsCanceled)
            {
                source.TrySetCanceled(future.CancellationException().CancellationToken);
            }
            else
            {
                source.TrySetException(future.ObserveException().SourceException);
            }
        });
        return source.Task;
    }

    /// <summary>Registers an await continuation, returning to the awaiter's context as Task does:
    /// its SynchronizationContext if it has one, else its TaskScheduler, else the completing thread.</summary>
    /// <remarks>The lambdas live in methods of their own: a lambda that captures a parameter makes
    /// the compiler allocate its closure on entry to the method, on every path.</remarks>
    internal void OnCompletedForAwait(Action continuation, bool flowExecutionContext)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        if (flowExecutionContext && ExecutionContext.Capture() is { } executionContext)
        {
            continuation = FlowingTo(executionContext, continuation);
        }

        SynchronizationContext? context = SynchronizationContext.Current;
        if (Kind == FutureKind.Moment)
        {
            // await Coroutine.Moment gives the loop a turn, as yielding it does.
            (context ?? new SynchronizationContext()).Post(ContextContinuation.RunAction, continuation);
            return;
        }

        if (context is not null && context.GetType() != typeof(SynchronizationContext))
        {
            // One object, registered as is: a pending await on a loop allocates nothing else.
            var posted = new ContextContinuation(context, continuation);
            if (!TryAddContinuation(posted))
            {
                posted.Post();
            }

            return;
        }

        TaskScheduler scheduler = TaskScheduler.Current;
        if (scheduler != TaskScheduler.Default)
        {
            AddDoneCallback(ScheduledOn(scheduler, continuation));
            return;
        }

        if (!TryAddContinuation(continuation))
        {
            continuation();
        }
    }

    private static Action FlowingTo(ExecutionContext executionContext, Action continuation) =>
        () => ExecutionContext.Run(executionContext, static state => ((Action)state!)(), continuation); // a ContextCallback, not a SendOrPostCallback

    private static Action<Future> ScheduledOn(TaskScheduler scheduler, Action continuation) =>
        _ => Task.Factory.StartNew(continuation, CancellationToken.None, TaskCreationOptions.None, scheduler);
}

public partial class Future<T>
{
    /// <summary>Lets async code <c>await</c> the future and get its result.</summary>
    public new FutureAwaiter<T> GetAwaiter() => new(this);

    /// <summary>A task that completes as this future does, with its result.</summary>
    public new Task<T> AsTask() => AsTask<T>();
}

/// <summary>Awaits a <see cref="Future"/>; made by <see cref="Future.GetAwaiter"/>.</summary>
public readonly struct FutureAwaiter : ICriticalNotifyCompletion
{
    private readonly Future _future;

    internal FutureAwaiter(Future future) => _future = future;

    /// <summary>True once the future is done (never for <see cref="Coroutine.Moment"/>, whose
    /// await gives the loop a turn).</summary>
    public bool IsCompleted => _future.IsDone && _future.Kind != FutureKind.Moment;

    /// <summary>Throws the future's exception, or <see cref="OperationCanceledException"/>.</summary>
    public void GetResult() => _future.ThrowIfNotSucceeded();

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _future.OnCompletedForAwait(continuation, flowExecutionContext: true);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _future.OnCompletedForAwait(continuation, flowExecutionContext: false);
}

/// <summary>Awaits a <see cref="Future{T}"/>; made by <see cref="Future{T}.GetAwaiter"/>.</summary>
/// <typeparam name="T">The type of the result.</typeparam>
public readonly struct FutureAwaiter<T> : ICriticalNotifyCompletion
{
    private readonly Future<T> _future;

    internal FutureAwaiter(Future<T> future) => _future = future;

    /// <summary>True once the future is done.</summary>
    public bool IsCompleted => _future.IsDone;

    /// <summary>The result, or the future's exception, or <see cref="OperationCanceledException"/>.</summary>
    public T GetResult() => _future.Result;

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _future.OnCompletedForAwait(continuation, flowExecutionContext: true);

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _future.OnCompletedForAwait(continuation, flowExecutionContext: false);
}

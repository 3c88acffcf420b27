using System.Runtime.CompilerServices;

namespace Coro.Tests.Runtime;

public class FutureTests
{
    [Fact]
    public void New_future_is_pending_until_SetResult()
    {
        var future = new Future<int>();
        Assert.False(future.IsDone);

        future.SetResult(7);

        Assert.True(future.IsDone);
        Assert.False(future.IsFaulted);
        Assert.False(future.IsCanceled);
        Assert.Equal(7, future.Result);
    }

    [Fact]
    public void Result_of_pending_future_throws_and_says_to_yield_it_first()
    {
        var future = new Future<int>();

        var error = Assert.Throws<InvalidOperationException>(() => future.Result);

        Assert.Contains("yield", error.Message);
        Assert.Contains("not done", error.Message);
    }

    [Fact]
    public void A_future_completes_only_once()
    {
        var future = new Future<string>();
        Assert.True(future.TrySetResult("first"));

        Assert.False(future.TrySetResult("second"));
        Assert.False(future.TrySetException(new Exception()));
        Assert.False(future.Cancel());
        Assert.Throws<InvalidOperationException>(() => future.SetResult("third"));
        Assert.Throws<InvalidOperationException>(() => future.SetException(new Exception()));
        Assert.Equal("first", future.Result);
    }

    [Fact]
    public void Result_of_faulted_future_rethrows_the_original_exception_with_its_stack_trace()
    {
        var future = new Future<int>();
        InvalidTimeZoneException thrown = ThrowAndCatch();
        future.SetException(thrown);

        var rethrown = Assert.Throws<InvalidTimeZoneException>(() => future.Result);

        Assert.Same(thrown, rethrown);
        Assert.Contains(nameof(ThrowAndCatch), rethrown.StackTrace);
        Assert.Same(thrown, future.Exception);
    }

    [Fact]
    public void Cancelled_future_throws_OperationCanceledException_from_Result()
    {
        var future = new Future<int>();

        Assert.True(future.Cancel());

        Assert.True(future.IsCanceled);
        Assert.True(future.IsDone);
        Assert.Null(future.Exception);
        Assert.Throws<OperationCanceledException>(() => future.Result);
        Assert.False(future.Cancel());
    }

    [Fact]
    public void Exception_is_null_unless_faulted()
    {
        var pending = new Future();
        var succeeded = Future.FromResult(1);

        Assert.Null(pending.Exception);
        Assert.Null(succeeded.Exception);
    }

    [Fact]
    public void Done_callbacks_run_once_on_completion_and_at_once_when_already_done()
    {
        var future = new Future();
        var calls = new List<string>();
        future.AddDoneCallback(_ => calls.Add("a"));
        future.AddDoneCallback(_ => calls.Add("b"));
        Assert.Empty(calls);

        future.SetResult();
        future.AddDoneCallback(f => calls.Add(f.IsDone ? "late" : "wrong"));

        Assert.Equal(["a", "b", "late"], calls);
    }

    [Fact]
    public void A_throwing_callback_does_not_stop_the_others_and_its_exception_surfaces()
    {
        var future = new Future();
        bool secondRan = false;
        future.AddDoneCallback(_ => throw new FormatException("boom"));
        future.AddDoneCallback(_ => secondRan = true);

        Assert.Throws<FormatException>(() => future.SetResult());

        Assert.True(secondRan);
        Assert.True(future.IsDone);
    }

    [Fact]
    public void Racing_completions_from_many_threads_have_exactly_one_winner_and_callbacks_run_once()
    {
        for (int round = 0; round < 200; round++)
        {
            var future = new Future<int>();
            int callbacks = 0;
            int winners = 0;
            using var start = new Barrier(4);
            var threads = Enumerable.Range(0, 4).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                future.AddDoneCallback(_ => Interlocked.Increment(ref callbacks));
                if (future.TrySetResult(i))
                {
                    Interlocked.Increment(ref winners);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            Assert.Equal(1, winners);
            Assert.Equal(4, callbacks);
        }
    }

    [Fact]
    public void Completed_and_FromResult_are_done_at_once()
    {
        Assert.True(Future.Completed.IsDone);
        Assert.Equal("x", Future.FromResult("x").Result);
        var faulted = Future.FromException<int>(new IOException("disk"));
        Assert.True(faulted.IsFaulted);
        Assert.Equal("disk", Assert.Throws<IOException>(() => faulted.Result).Message);
        Assert.True(Future.FromCanceled().IsCanceled);
    }

    [Fact]
    public void FromTask_of_a_faulted_task_carries_the_task_exception_not_an_AggregateException()
    {
        var thrown = new ArgumentOutOfRangeException("x");
        Future<int> future = Future.FromTask(Task.FromException<int>(thrown));

        Assert.True(future.IsFaulted);
        Assert.Same(thrown, future.Exception);
        Assert.Same(thrown, Assert.Throws<ArgumentOutOfRangeException>(() => future.Result));
    }

    [Fact]
    public void FromTask_of_a_cancelled_task_gives_a_cancelled_future()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Future future = Future.FromTask(Task.FromCanceled(source.Token));

        Assert.True(future.IsCanceled);
    }

    [Fact]
    public void FromTask_of_a_pending_task_completes_when_the_task_does()
    {
        var source = new TaskCompletionSource<string>();
        Future<string> future = source.Task;
        Assert.False(future.IsDone);

        source.SetResult("done");

        Assert.True(SpinWait.SpinUntil(() => future.IsDone, TimeSpan.FromSeconds(10)));
        Assert.Equal("done", future.Result);
    }

    [Fact]
    public async Task AsTask_completes_as_the_future_does()
    {
        var succeeded = new Future<int>();
        var faulted = new Future<int>();
        var cancelled = new Future<int>();
        Task<int> a = succeeded.AsTask(), b = faulted.AsTask(), c = cancelled.AsTask();

        succeeded.SetResult(5);
        faulted.SetException(new KeyNotFoundException());
        cancelled.Cancel();

        Assert.Equal(5, await a);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => b);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => c);
    }

    [Fact]
    public async Task A_future_can_be_awaited_in_async_code()
    {
        var future = new Future<int>();
        _ = Task.Run(async () =>
        {
            await Task.Delay(10);
            future.SetResult(3);
        });

        Assert.Equal(3, await future);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await Future.FromException(new InvalidOperationException()));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static InvalidTimeZoneException ThrowAndCatch()
    {
        try
        {
            throw new InvalidTimeZoneException("original");
        }
        catch (InvalidTimeZoneException exception)
        {
            return exception;
        }
    }
}

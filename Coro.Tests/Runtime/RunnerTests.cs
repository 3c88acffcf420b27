using System.Collections;

namespace Coro.Tests.Runtime;

public partial class RunnerTests
{
    [Fact]
    public void The_first_step_runs_inline_and_a_body_that_never_waits_completes_without_a_loop()
    {
        var log = new List<string>();

        Future<int> future = Coroutine.Start<int>(Body());
        log.Add("returned");

        Assert.Equal(["first step", "second step", "returned"], log);
        Assert.Equal(42, future.Result);

        IEnumerable<Future> Body()
        {
            log.Add("first step");
            yield return Future.Completed;
            log.Add("second step");
            yield return Coroutine.Return(42);
        }
    }

    [Fact]
    public void Return_finishes_with_the_value_and_disposes_the_body()
    {
        bool finallyRan = false;
        bool afterReturnRan = false;

        Future<string> future = Coroutine.Start<string>(Body());

        Assert.Equal("result", future.Result);
        Assert.True(finallyRan);
        Assert.False(afterReturnRan);

        IEnumerable<Future> Body()
        {
            try
            {
                yield return Coroutine.Return("result");
                afterReturnRan = true;
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void A_result_coroutine_that_ends_without_Return_faults_with_a_message_naming_the_method()
    {
        Future<int> future = NoResultGivenAsync();

        var error = Assert.Throws<InvalidOperationException>(() => future.Result);
        Assert.Contains($"{nameof(RunnerTests)}.{nameof(NoResultGiven)}", error.Message);
        Assert.Contains("Coroutine.Return", error.Message);
    }

    [Fact]
    public void A_coroutine_without_a_result_succeeds_when_the_body_ends()
    {
        Future future = Coroutine.Start(NoReturnBody());

        Assert.True(future.IsDone);
        Assert.False(future.IsFaulted);
    }

    [Fact]
    public void Return_converts_like_an_implicit_numeric_conversion()
    {
        Assert.Equal(5L, Coroutine.Start<long>(ReturnBody(5)).Result);
        Assert.Equal(5.0, Coroutine.Start<double>(ReturnBody(5)).Result);
        Assert.IsType<InvalidCastException>(Coroutine.Start<Guid>(ReturnBody(5)).Exception);
    }

    [Fact]
    public void An_exception_from_the_body_faults_the_future_with_that_same_exception()
    {
        var thrown = new FileNotFoundException("gone");

        Future before = Coroutine.Start(ThrowBody(thrown, yieldFirst: false));
        Future after = Coroutine.Start(ThrowBody(thrown, yieldFirst: true));

        Assert.Same(thrown, before.Exception);
        Assert.Same(thrown, after.Exception);
    }

    [Fact]
    public void An_OperationCanceledException_from_the_body_cancels_the_future()
    {
        Future future = Coroutine.Start(ThrowBody(new OperationCanceledException(), yieldFirst: true));

        Assert.True(future.IsCanceled);
    }

    [Fact]
    public void Faulted_yield_disposes_body_and_runs_finally_and_using()
    {
        var resource = new Resource();
        bool finallyRan = false;
        bool continuedAfterFault = false;
        var failure = new TimeoutException("slow");

        Exception? seen = null;
        Loop.Run(() => Main());

        Assert.Same(failure, seen);
        Assert.True(resource.Disposed);
        Assert.True(finallyRan);
        Assert.False(continuedAfterFault);

        IEnumerable Main()
        {
            Future child = Coroutine.Start(Body());
            yield return child.Settled();
            seen = child.Exception;
        }

        IEnumerable<Future> Body()
        {
            using (resource)
            {
                try
                {
                    var pending = new Future();
                    EventLoop.Current!.Post(() => pending.SetException(failure));
                    yield return pending;
                    continuedAfterFault = true;
                }
                finally
                {
                    finallyRan = true;
                }
            }
        }
    }

    [Fact]
    public void A_cancelled_yield_cancels_the_coroutine()
    {
        Future? child = null;
        Loop.Run(() => Main());

        Assert.True(child!.IsCanceled);

        IEnumerable Main()
        {
            child = Coroutine.Start(Body());
            yield return child.Settled();
        }

        static IEnumerable<Future> Body()
        {
            var pending = new Future();
            EventLoop.Current!.Post(() => pending.Cancel());
            yield return pending;
        }
    }

    [Fact]
    public void A_pending_future_resumes_the_body_on_its_loop_never_inline_on_the_completing_thread()
    {
        int loopThread = 0;
        int resumedOn = 0;
        var log = new List<string>();

        Loop.Run(() => Main());

        Assert.Equal(loopThread, resumedOn);
        Assert.Equal(["set on loop", "SetResult returned", "resumed"], log);

        IEnumerable Main()
        {
            loopThread = Environment.CurrentManagedThreadId;

            // Completed on another thread: the body still resumes on the loop's thread.
            var remote = new Future();
            var thread = new Thread(() => remote.SetResult());
            thread.Start();
            yield return remote;
            resumedOn = Environment.CurrentManagedThreadId;
            thread.Join();

            // Completed on the loop's own thread: still not inline, but as a later callback.
            var local = new Future();
            EventLoop.Current!.Post(() =>
            {
                log.Add("set on loop");
                local.SetResult();
                log.Add("SetResult returned");
            });
            yield return local;
            log.Add("resumed");
        }
    }

    [Fact]
    public void A_million_yields_of_done_futures_run_in_one_loop_without_stack_overflow()
    {
        int steps = Coroutine.Start<int>(Body()).Result;

        Assert.Equal(1_000_000, steps);

        static IEnumerable<Future> Body()
        {
            int i = 0;
            for (; i < 1_000_000; i++)
            {
                yield return Future.Completed;
            }

            yield return Coroutine.Return(i);
        }
    }

    [Fact]
    public void A_chain_of_100000_nested_coroutines_that_complete_synchronously_does_not_overflow_the_stack()
    {
        int depth = EventLoop.Run(() => ChainAsync(100_000), Loop.Timeout);

        Assert.Equal(100_000, depth);
    }

    [Coroutine<int>]
    private static partial IEnumerable<Future> Chain(int n)
    {
        if (n == 0)
        {
            yield return Coroutine.Return(0);
            yield break;
        }

        Future<int> child = ChainAsync(n - 1);
        yield return child;
        yield return Coroutine.Return(child.Result + 1);
    }

    [Fact]
    public void Cancel_reaches_the_awaited_future_and_runs_finally()
    {
        var awaited = new Future<int>();
        bool finallyRan = false;
        Future? coroutine = null;

        Loop.Run(() => Main());

        Assert.True(coroutine!.IsCanceled);
        Assert.True(awaited.IsCanceled);
        Assert.True(finallyRan);
        Assert.Throws<OperationCanceledException>(() => ((Future<int>)coroutine).Result);

        IEnumerable Main()
        {
            coroutine = Coroutine.Start<int>(Body());
            yield return Coroutine.Moment;
            Assert.True(coroutine.Cancel());
            Assert.True(finallyRan); // on the loop's thread, the body is stopped at once
            Assert.False(coroutine.Cancel());
        }

        IEnumerable<Future> Body()
        {
            try
            {
                yield return awaited;
            }
            finally
            {
                finallyRan = true;
            }
        }
    }

    [Fact]
    public void Cancel_from_another_thread_stops_the_body_on_the_loop_thread()
    {
        int loopThread = 0;
        int finallyThread = 0;
        Future? coroutine = null;

        Loop.Run(() => Main());

        Assert.Equal(loopThread, finallyThread);
        Assert.True(coroutine!.IsCanceled);

        IEnumerable Main()
        {
            loopThread = Environment.CurrentManagedThreadId;
            coroutine = Coroutine.Start(Body());
            var canceller = new Thread(() => coroutine.Cancel());
            canceller.Start();
            canceller.Join();
            Assert.True(coroutine.IsCanceled);
            yield return Coroutine.Moment; // the stop runs as a loop callback
            Assert.NotEqual(0, finallyThread);
        }

        IEnumerable<Future> Body()
        {
            try
            {
                yield return new Future();
            }
            finally
            {
                finallyThread = Environment.CurrentManagedThreadId;
            }
        }
    }

    [Fact]
    public void A_body_that_cancels_its_own_future_stops_when_that_step_returns()
    {
        Future? self = null;
        var log = new List<string>();

        Loop.Run(() => Main());

        Assert.True(self!.IsCanceled);
        Assert.Equal(["cancelling", "step ended", "finally"], log);

        IEnumerable Main()
        {
            self = Coroutine.Start(Body());
            yield return self.Settled();
        }

        IEnumerable<Future> Body()
        {
            try
            {
                yield return Coroutine.Moment; // self is assigned by now
                log.Add("cancelling");
                Assert.True(self!.Cancel());
                log.Add("step ended");
                yield return Coroutine.Moment; // never resumed
                log.Add("resumed after cancel");
            }
            finally
            {
                log.Add("finally");
            }
        }
    }

    [Fact]
    public void Cancelling_a_finished_coroutine_does_nothing()
    {
        Future<int> future = Coroutine.Start<int>(ReturnBody(1));

        Assert.False(future.Cancel());
        Assert.Equal(1, future.Result);
    }

    [Fact]
    public void Moment_and_null_interleave_with_posted_callbacks_in_FIFO_order()
    {
        var log = new List<string>();

        Loop.Run(() => Body());

        Assert.Equal(["A", "after Moment", "B", "C", "after null", "D"], log);

        IEnumerable Body()
        {
            EventLoop loop = EventLoop.Current!;
            loop.Post(() => log.Add("A"));
            yield return Coroutine.Moment;
            log.Add("after Moment");
            loop.Post(() => log.Add("B"));
            loop.Post(() => log.Add("C"));
            yield return null;
            log.Add("after null");
            loop.Post(() => log.Add("D"));
            yield return Coroutine.Moment;
        }
    }

    [Fact]
    public void Yielding_an_unknown_object_faults_with_BadYieldException()
    {
        Future future = BadBodyAsync();

        var error = Assert.IsType<BadYieldException>(future.Exception);
        Assert.Contains("yielded an unknown object of type System.Int32", error.Message);
        Assert.Contains(nameof(BadBody), error.Message);
    }

    // A [Coroutine] body typed object, so the ValueTask<int> reaches the Runner boxed: its wrapper
    // registers the conversion (Yieldables), as it must for NativeAOT.
    [Fact]
    public void Tasks_are_converted_and_resume_on_the_loop_not_on_a_pool_thread()
    {
        var loopThread = new System.Runtime.CompilerServices.StrongBox<int>();
        var resumedOn = new List<int>();

        int result = EventLoop.Run(() => ConvertedTasksAsync(loopThread, resumedOn), Loop.Timeout);

        Assert.Equal(3 + 4 + 5, result);
        Assert.Equal(3, resumedOn.Count);
        Assert.All(resumedOn, thread => Assert.Equal(loopThread.Value, thread));
    }

    [Coroutine<int>]
    private static partial IEnumerable ConvertedTasks(System.Runtime.CompilerServices.StrongBox<int> loopThread, List<int> resumedOn)
    {
        loopThread.Value = Environment.CurrentManagedThreadId;
        Task<int> task = Task.Run(async () => { await Task.Delay(5); return 3; });
        yield return task;
        resumedOn.Add(Environment.CurrentManagedThreadId);

        ValueTask<int> valueTask = new(Task.Run(async () => { await Task.Delay(5); return 4; }));
        yield return valueTask;
        resumedOn.Add(Environment.CurrentManagedThreadId);

        yield return Task.Delay(5);
        resumedOn.Add(Environment.CurrentManagedThreadId);
        yield return Coroutine.Return(task.Result + valueTask.Result + 5);
    }

    [Fact]
    public void Yielding_several_futures_waits_for_all_and_enumerates_a_lazy_sequence_once()
    {
        int enumerations = 0;
        var log = new List<string>();

        Loop.Run(() => Body());

        Assert.Equal(1, enumerations);
        Assert.Equal(["slept", "all done", "tasks done"], log);

        IEnumerable<Future> Sleeps()
        {
            enumerations++;
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(5));
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(1));
        }

        IEnumerable Body()
        {
            Future[] array = [Coroutine.Sleep(TimeSpan.FromMilliseconds(1))];
            yield return array;
            log.Add("slept");
            yield return Sleeps();
            log.Add("all done");
            yield return new[] { Task.Delay(1), Task.Delay(2) };
            log.Add("tasks done");
        }
    }

    [Fact]
    public void A_coroutine_that_must_wait_with_no_loop_on_the_thread_faults_clearly()
    {
        Future future = Coroutine.Start(WaitsBody());

        var error = Assert.IsType<InvalidOperationException>(future.Exception);
        Assert.Contains("no EventLoop runs on this thread", error.Message);
    }

    private static IEnumerable<Future> NoReturnBody()
    {
        yield return Future.Completed;
    }

    [Coroutine<int>]
    private static partial IEnumerable<Future> NoResultGiven()
    {
        yield return Future.Completed;
    }

    private static IEnumerable<Future> ReturnBody(int value)
    {
        yield return Coroutine.Return(value);
    }

    private static IEnumerable<Future> ThrowBody(Exception exception, bool yieldFirst)
    {
        if (yieldFirst)
        {
            yield return Future.Completed;
        }

        throw exception;
    }

    [Coroutine]
    private static partial IEnumerable BadBody()
    {
        yield return 42;
    }

    private static IEnumerable<Future> WaitsBody()
    {
        yield return new Future();
    }

    private sealed class Resource : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}

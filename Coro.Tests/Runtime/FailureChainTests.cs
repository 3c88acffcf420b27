using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>A failure names the coroutines it passed through, innermost first, as async/await's
/// stack traces name the awaiting methods.</summary>
public partial class FailureChainTests
{
    [Fact]
    public void A_failure_three_coroutines_deep_names_Fetch_Worker_and_Main_in_that_order()
    {
        Future? main = null;

        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => main = new App().MainAsync("http://x/3"), Loop.Timeout));

        AssertChain(thrown.StackTrace, "App.Fetch", "App.Worker", "App.Main");
        if (RuntimeBuild.LoadedFramework?.StartsWith(".NETCoreApp", StringComparison.Ordinal) == true)
        {
            // [StackTraceHidden] is the runtime's own attribute; the netstandard2.1 build can only
            // declare a look-alike, which the runtime ignores.
            Assert.DoesNotContain("Coro.Runner", thrown.StackTrace);
            Assert.DoesNotContain("Coro.EventLoop", thrown.StackTrace);
        }
        Assert.Same(thrown, main!.Exception);
        Assert.Contains("boom fetching http://x/3", thrown.ToString());
    }

    [Fact]
    public void Result_Exception_and_Run_rethrow_the_same_exception_object_with_the_chain()
    {
        Future<string>? worker = null;

        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => worker = App.WorkerAsync("http://x/1"), Loop.Timeout));

        Assert.Same(thrown, worker!.Exception);
        Assert.Same(thrown, Record.Exception(() => worker.Result));
        AssertChain(worker.Exception!.StackTrace, "App.Fetch", "App.Worker");
    }

    [Fact]
    public void The_chain_passes_through_Future_All()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => App.MainOfAllAsync(), Loop.Timeout));

        AssertChain(thrown.StackTrace, "App.Fetch", "App.Worker", "App.MainOfAll");
    }

    [Fact]
    public void The_chain_passes_through_WithTimeout()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => App.MainWithTimeoutAsync(), Loop.Timeout));

        AssertChain(thrown.StackTrace, "App.Fetch", "App.Worker", "App.MainWithTimeout");
    }

    [Fact]
    public void A_result_read_after_Settled_names_the_reading_coroutine()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => App.MainSettledAsync(), Loop.Timeout));

        AssertChain(thrown.StackTrace, "App.Fetch", "App.Worker", "App.MainSettled");
    }

    [Fact]
    public void A_faulted_task_a_body_yielded_gains_the_coroutines_after_its_own_frames()
    {
        var thrown = Assert.Throws<TimeoutException>(() => EventLoop.Run(() => App.MainOfTaskAsync(), Loop.Timeout));

        AssertChain(thrown.StackTrace, nameof(FailingTaskAsync), "App.TaskWorker", "App.MainOfTask");
    }

    [Fact]
    public void Coroutine_Start_names_the_iterator_method()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => Coroutine.Start(StartedByHand()), Loop.Timeout));

        AssertChain(thrown.StackTrace, "App.Fetch", "App.Worker", "FailureChainTests.StartedByHand");

        static IEnumerable StartedByHand()
        {
            yield return App.WorkerAsync("http://x/2");
        }
    }

    [Fact]
    public void A_ten_thousand_deep_failing_chain_names_the_first_hundred_and_counts_the_rest()
    {
        const int Depth = 10_000;

        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => App.ChainAsync(Depth), Loop.Timeout));

        string trace = thrown.StackTrace!;
        // A coroutine's line is its generated frame: "at ...FailureChainTests.App.Chain(FailureFrame frame)"
        // (the body's own frame reads "App.Chain(Int32 depth)+MoveNext()").
        int named = trace.Split('\n').Count(line => line.Contains("App.Chain(FailureFrame frame)", StringComparison.Ordinal));
        Assert.Equal(100, named);
        Assert.Contains("more coroutines", trace);
        Assert.Equal(Depth - 100, thrown.Data["Coro.CoroutineLinesLeftOut"]);
    }

    [Fact]
    public void A_coroutine_that_fails_itself_is_named_by_its_own_frame_only_once()
    {
        var thrown = Assert.Throws<InvalidOperationException>(() => EventLoop.Run(() => App.FetchAsync("http://x/9"), Loop.Timeout));

        Assert.Single(thrown.StackTrace!.Split('\n'), line => line.Contains("App.Fetch", StringComparison.Ordinal));
    }

    private static void AssertChain(string? trace, params string[] names)
    {
        Assert.NotNull(trace);
        int at = -1;
        foreach (string name in names)
        {
            int next = trace.IndexOf(name, at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"'{name}' is not after the names before it in:{Environment.NewLine}{trace}");
            at = next;
        }
    }

    private static async Task<string> FailingTaskAsync()
    {
        await Task.Yield();
        throw new TimeoutException("the task failed");
    }

    private sealed partial class App
    {
        [Coroutine<string>]
        public static partial IEnumerable<Future> Fetch(string url)
        {
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(1));
            throw new InvalidOperationException($"boom fetching {url}");
        }

        [Coroutine<string>]
        public static partial IEnumerable<Future> Worker(string url)
        {
            Future<string> page = FetchAsync(url);
            yield return page;
            yield return Coroutine.Return(page.Result);
        }

        [Coroutine]
        public partial IEnumerable<Future> Main(string url)
        {
            yield return WorkerAsync(url);
        }

        [Coroutine]
        public static partial IEnumerable<Future> MainOfAll()
        {
            yield return Future.All(WorkerAsync("http://x/a"), Coroutine.Return("fine"));
        }

        [Coroutine]
        public static partial IEnumerable<Future> MainWithTimeout()
        {
            yield return WorkerAsync("http://x/t").WithTimeout(TimeSpan.FromMinutes(5));
        }

        [Coroutine]
        public static partial IEnumerable<Future> MainSettled()
        {
            Future<string> worker = WorkerAsync("http://x/s");
            yield return worker.Settled();
            _ = worker.Result;
        }

        [Coroutine<string>]
        public static partial IEnumerable<Future> TaskWorker()
        {
            Future<string> page = Future.FromTask(FailingTaskAsync());
            yield return page;
            yield return Coroutine.Return(page.Result);
        }

        [Coroutine]
        public static partial IEnumerable<Future> MainOfTask()
        {
            yield return TaskWorkerAsync();
        }

        [Coroutine]
        public static partial IEnumerable<Future> Chain(int depth)
        {
            if (depth == 0)
            {
                yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(1));
                throw new InvalidOperationException("the bottom of the chain");
            }

            yield return ChainAsync(depth - 1);
        }
    }
}

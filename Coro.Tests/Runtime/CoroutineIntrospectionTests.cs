using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>What every live coroutine waits on: <see cref="EventLoop.GetCoroutines"/> and
/// <see cref="EventLoop.DescribeCoroutines"/>.</summary>
public partial class CoroutineIntrospectionTests
{
    [Fact]
    public void A_snapshot_shows_Main_waiting_on_All_of_three_Workers_each_waiting_on_a_sleeping_Fetch()
    {
        IReadOnlyList<CoroutineInfo> first = [], second = [];
        string described = string.Empty;

        // Virtual time: no time passes but the 20 ms the observer sleeps between the two snapshots.
        EventLoop.Run(() => Coroutine.Start(Observe()), new EventLoopOptions { VirtualTime = true, Timeout = Loop.Timeout });

        Assert.All(first, coroutine => Assert.Equal(TimeSpan.Zero, coroutine.SuspendedFor));
        Assert.All(second, coroutine => Assert.Equal(TimeSpan.FromMilliseconds(20), coroutine.SuspendedFor));
        Assert.Equal(7, first.Count);
        CoroutineInfo main = Assert.Single(first, coroutine => coroutine.Name == "App.Main");
        Assert.Equal("Future.All of 3", main.WaitingOn);
        Assert.Equal(3, main.Awaiting.Count);
        Assert.All(main.Awaiting, worker =>
        {
            Assert.Equal("App.Worker", worker.Name);
            Assert.Equal("App.Fetch", worker.WaitingOn);
            CoroutineInfo fetch = Assert.Single(worker.Awaiting);
            Assert.Equal("App.Fetch", fetch.Name);
            Assert.Equal("Sleep 01:00:00", fetch.WaitingOn);
            Assert.Empty(fetch.Awaiting);
            Assert.Contains(fetch, first); // the same objects as in the list
        });

        Assert.Single(second, coroutine => coroutine.Name == "App.Main");

        string[] lines = described.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("7 coroutines suspended:", lines[0]);
        Assert.StartsWith("  App.Main: waiting on Future.All of 3 for ", lines[1]);
        Assert.StartsWith("    App.Worker: waiting on App.Fetch for ", lines[2]);
        Assert.StartsWith("      App.Fetch: waiting on Sleep 01:00:00 for ", lines[3]);
        Assert.Equal(8, lines.Length);

        IEnumerable Observe()
        {
            Future running = new App().MainAsync();
            yield return Coroutine.Moment;
            first = EventLoop.Current!.GetCoroutines(); // this coroutine runs: it is not listed
            yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(20));
            second = EventLoop.Current!.GetCoroutines();
            described = EventLoop.Current!.DescribeCoroutines();
            running.Cancel();
        }
    }

    [Fact]
    public void SuspendedFor_follows_the_loops_clock_from_the_moment_each_coroutine_suspended()
    {
        IReadOnlyList<CoroutineInfo> snapshot = [];

        EventLoop.Run(() => Coroutine.Start(Observe()), new EventLoopOptions { VirtualTime = true });

        // Virtual time is exact: the first Fetch suspended before the loop's first turn, the second
        // 30 minutes later.
        TimeSpan[] waited = [.. snapshot.Select(coroutine => coroutine.SuspendedFor)];
        Assert.Equal(2, waited.Length);
        Assert.InRange(waited[0], TimeSpan.FromMinutes(50) - TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(50) + TimeSpan.FromMilliseconds(1));
        Assert.InRange(waited[1], TimeSpan.FromMinutes(20) - TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(20) + TimeSpan.FromMilliseconds(1));

        IEnumerable Observe()
        {
            Future early = App.FetchAsync();
            yield return Coroutine.Sleep(TimeSpan.FromMinutes(30));
            Future late = App.FetchAsync();
            yield return Coroutine.Sleep(TimeSpan.FromMinutes(20));
            snapshot = [.. EventLoop.Current!.GetCoroutines().Where(coroutine => coroutine.Name == "App.Fetch")];
            early.Cancel();
            late.Cancel();
        }
    }

    public static TheoryData<string, string> Waits => new()
    {
        { "Moment", "Moment" },
        { "Task", "Task" },
        { "Future", "Future" },
        { "FutureQueue.Get", "FutureQueue.Get" },
        { "FutureQueue.Put", "FutureQueue.Put" },
        { "FutureLock.Acquire", "FutureLock.Acquire" },
        { "FutureSemaphore.Acquire", "FutureSemaphore.Acquire" },
        { "FutureEvent.Wait", "FutureEvent.Wait" },
        { "Future.Any", "Future.Any of 2" },
        { "WithTimeout", "WithTimeout 00:10:00 of Future" },
        { "Settled", "Settled of Sleep 00:00:30" },
        { "Future.Gather", "Future.Gather of 2" },
    };

    [Theory]
    [MemberData(nameof(Waits))]
    public void WaitingOn_describes_each_kind_of_future_in_words(string kind, string expected)
    {
        string? waitingOn = null;
        var never = new TaskCompletionSource();

        Loop.Run(() => Observe());

        Assert.Equal(expected, waitingOn);

        IEnumerable Observe()
        {
            var queue = new FutureQueue<int>(maxSize: 1);
            queue.Put(1);
            var gate = new FutureLock();
            gate.TryAcquire();
            var semaphore = new FutureSemaphore(0);
            Future waiter = Coroutine.Start(Wait(kind switch
            {
                "Moment" => Coroutine.Moment,
                "Task" => Future.FromTask(never.Task),
                "Future" => new Future(),
                "FutureQueue.Get" => new FutureQueue<int>().Get(),
                "FutureQueue.Put" => queue.Put(2),
                "FutureLock.Acquire" => gate.Acquire(),
                "FutureSemaphore.Acquire" => semaphore.Acquire(),
                "FutureEvent.Wait" => new FutureEvent().Wait(),
                "Future.Any" => Future.Any(new Future(), new Future()),
                "WithTimeout" => new Future().WithTimeout(TimeSpan.FromMinutes(10)),
                "Settled" => Coroutine.Sleep(TimeSpan.FromSeconds(30)).Settled(),
                _ => Future.Gather(new Future<int>(), new Future<string>()),
            }));
            waitingOn = Assert.Single(EventLoop.Current!.GetCoroutines()).WaitingOn;
            waiter.Cancel();
            yield break;
        }

        static IEnumerable Wait(Future future)
        {
            yield return future;
        }
    }

    [Fact]
    public void A_coroutine_waiting_through_WithTimeout_and_Settled_lists_the_coroutine_behind_them()
    {
        CoroutineInfo? outer = null;

        Loop.Run(() => Observe());

        Assert.Equal("WithTimeout 00:01:00 of Settled of App.Fetch", outer!.WaitingOn);
        Assert.Equal("App.Fetch", Assert.Single(outer.Awaiting).Name);

        IEnumerable Observe()
        {
            Future waiter = Coroutine.Start(Wait());
            outer = Assert.Single(EventLoop.Current!.GetCoroutines(), coroutine => coroutine.Name.EndsWith(".Wait", StringComparison.Ordinal));
            waiter.Cancel();
            yield break;
        }

        static IEnumerable Wait()
        {
            yield return App.FetchAsync().Settled().WithTimeout(TimeSpan.FromMinutes(1));
        }
    }

    [Fact]
    public void A_coroutine_waiting_on_a_group_is_listed_as_waiting_on_the_groups_running_children()
    {
        CoroutineInfo? waiter = null;

        Loop.Run(() => Observe());

        Assert.Equal("CoroutineGroup of 2 running", waiter!.WaitingOn);
        Assert.Equal(["App.Fetch", "App.Fetch"], waiter.Awaiting.Select(child => child.Name));

        IEnumerable Observe()
        {
            Future waiting = Coroutine.Start(InGroup());
            yield return Coroutine.Moment;
            waiter = Assert.Single(EventLoop.Current!.GetCoroutines(), coroutine => coroutine.Name.EndsWith(".InGroup", StringComparison.Ordinal));
            waiting.Cancel();
        }

        static IEnumerable InGroup()
        {
            using var group = new CoroutineGroup();
            group.Add(App.FetchAsync());
            group.Add(App.FetchAsync());
            group.Add(Future.Completed); // ended: not listed
            yield return group;
        }
    }

    [Fact]
    public void GetCoroutines_from_another_thread_throws_InvalidOperationException()
    {
        Exception? fromThread = null;

        Loop.Run(() => Observe());

        Assert.IsType<InvalidOperationException>(fromThread);
        Assert.Contains("GetCoroutines", fromThread!.Message);

        IEnumerable Observe()
        {
            EventLoop loop = EventLoop.Current!;
            var thread = new Thread(() => fromThread = Record.Exception(() => loop.DescribeCoroutines()));
            thread.Start();
            Assert.True(thread.Join(Loop.Timeout));
            yield break;
        }
    }

    [Fact]
    public void A_loop_with_nothing_suspended_says_so()
    {
        string? described = null;

        Loop.Run(() => Observe());

        Assert.Equal("No coroutines are suspended on this loop." + Environment.NewLine, described);

        IEnumerable Observe()
        {
            described = EventLoop.Current!.DescribeCoroutines();
            yield break;
        }
    }

    private sealed partial class App
    {
        [Coroutine]
        public static partial IEnumerable<Future> Fetch()
        {
            yield return Coroutine.Sleep(TimeSpan.FromHours(1));
        }

        [Coroutine]
        public static partial IEnumerable<Future> Worker()
        {
            yield return FetchAsync();
        }

        [Coroutine]
        public partial IEnumerable<Future> Main()
        {
            yield return Future.All(WorkerAsync(), WorkerAsync(), WorkerAsync());
        }
    }
}

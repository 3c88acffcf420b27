using System.Collections;
using System.Runtime.CompilerServices;
using Coro.Tests.Runtime;

namespace Coro.Tests.Stress;

[Collection(nameof(UnobservedExceptionTests))] // forces collections; runs alone
public class CoroutineStressTests
{
    private enum Ending
    {
        Succeed,
        Throw,
        ChildFaults,
        Cancelled,
        SelfCancel,
        Dropped,
    }

    [Fact]
    public void A_hundred_thousand_scripted_coroutines_end_as_scripted_run_finally_once_and_lose_no_exception()
    {
        const int Count = 100_000;
        var random = new Random(7);
        var endings = new Ending[Count];
        var sleeps = new int[Count][];
        for (int i = 0; i < Count; i++)
        {
            endings[i] = (Ending)random.Next(6);
            sleeps[i] = [.. Enumerable.Range(0, random.Next(4)).Select(_ => random.Next(0, 15))];
        }

        var finallyRuns = new int[Count];
        var futures = new Future<int>?[Count];
        var dropped = new HashSet<Exception>();
        var reported = new HashSet<Exception>();
        void OnUnobserved(object? sender, UnobservedFutureExceptionEventArgs args)
        {
            lock (reported)
            {
                reported.Add(args.Exception);
            }
        }

        Future.UnobservedException += OnUnobserved;
        try
        {
            RunAll();
            for (int pass = 0; pass < 3; pass++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            Future.UnobservedException -= OnUnobserved;
        }

        Assert.All(finallyRuns, runs => Assert.Equal(1, runs));
        for (int i = 0; i < Count; i++)
        {
            Future<int>? future = futures[i];
            switch (endings[i])
            {
                case Ending.Succeed:
                    Assert.Equal(i, future!.Result);
                    break;
                case Ending.Throw:
                case Ending.ChildFaults:
                    Assert.Equal($"script {i}", Assert.IsType<ScriptException>(future!.Exception).Message);
                    break;
                case Ending.Cancelled:
                case Ending.SelfCancel:
                    Assert.True(future!.IsCanceled, $"script {i} should be cancelled");
                    break;
                case Ending.Dropped:
                    Assert.Null(future);
                    break;
            }
        }

        // Every failure that nobody read was reported, and none that was read.
        Assert.Subset(reported, dropped);
        Assert.Equal(dropped.Count, reported.Count(e => e is ScriptException));

        [MethodImpl(MethodImplOptions.NoInlining)]
        void RunAll() => Loop.Run(() => Main());

        IEnumerable Main()
        {
            EventLoop loop = EventLoop.Current!;
            var settled = new List<Future>(Count);
            for (int i = 0; i < Count; i++)
            {
                Future<int> future = Coroutine.Start<int>(Script(i));
                if (endings[i] == Ending.Dropped)
                {
                    continue; // nobody will read this one: it must be reported
                }

                futures[i] = future;
                settled.Add(future.Settled());
                if (endings[i] == Ending.Cancelled)
                {
                    loop.CallLater(TimeSpan.FromMilliseconds(sleeps[i].Sum() + 1), () => future.Cancel());
                }
            }

            yield return Future.All(settled);
        }

        IEnumerable<Future> Script(int i)
        {
            try
            {
                foreach (int milliseconds in sleeps[i])
                {
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
                }

                switch (endings[i])
                {
                    case Ending.Succeed:
                        yield return Coroutine.Return(i);
                        break;
                    case Ending.Throw:
                        throw new ScriptException(i);
                    case Ending.Dropped:
                        var failure = new ScriptException(i);
                        lock (dropped)
                        {
                            dropped.Add(failure);
                        }

                        throw failure;
                    case Ending.ChildFaults:
                        yield return Coroutine.Start(Fails(i));
                        break;
                    case Ending.Cancelled:
                        yield return new Future(); // waits until the timer cancels it
                        break;
                    case Ending.SelfCancel:
                        throw new OperationCanceledException();
                }
            }
            finally
            {
                finallyRuns[i]++;
            }
        }

        static IEnumerable<Future> Fails(int i)
        {
            yield return Coroutine.Moment;
            throw new ScriptException(i);
        }
    }

    [Fact]
    public void A_loop_stopped_with_work_pending_cancels_what_it_abandons_and_leaves_no_thread_running()
    {
        const int Count = 1_000;
        var futures = new Future[Count];
        int finallyRuns = 0;
        int timersFired = 0;
        EventLoop? loop = null;
        Exception? runError = null;

        var thread = new Thread(() => runError = Record.Exception(() => EventLoop.Run(() =>
        {
            loop = EventLoop.Current!;
            for (int i = 0; i < Count; i++)
            {
                futures[i] = Coroutine.Start(Pending(i));
            }

            loop.CallLater(TimeSpan.FromMilliseconds(10), loop.Stop);
            return new Future(); // main itself never finishes
        })));
        thread.Start();

        Assert.True(thread.Join(Loop.Timeout), "the loop's thread did not end");
        Assert.IsType<InvalidOperationException>(runError);
        Assert.All(futures, future => Assert.True(future.IsCanceled));
        Assert.Equal(Count, finallyRuns);
        Assert.Equal(0, timersFired); // abandoned timers never fire: only the loop's thread runs them, and it has ended
        Assert.Throws<InvalidOperationException>(() => loop!.Post(() => { }));

        IEnumerable Pending(int i)
        {
            try
            {
                if (i % 2 == 0)
                {
                    EventLoop.Current!.CallLater(TimeSpan.FromMilliseconds(50), () => Interlocked.Increment(ref timersFired));
                    yield return new Future();
                }
                else
                {
                    yield return Coroutine.Sleep(TimeSpan.FromSeconds(30));
                }
            }
            finally
            {
                Interlocked.Increment(ref finallyRuns);
            }
        }
    }

    private sealed class ScriptException(int script) : Exception($"script {script}");
}

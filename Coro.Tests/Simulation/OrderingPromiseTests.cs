using System.Collections;

namespace Coro.Tests.Simulation;

using Simulation = Coro.Simulation; // the namespace of this folder would hide the type

/// <summary>
/// Every ordering promise docs/semantics.md marks "holds under Seed", checked under 1,000 seeds: each
/// program throws when it sees the promise broken, and <see cref="Simulation.Explore"/> fails on it.
/// </summary>
public partial class OrderingPromiseTests
{
    private static readonly SimulationOptions s_thousandSeeds = new() { Schedules = 1000, TimerJitter = TimeSpan.FromMilliseconds(5) };

    [Fact]
    public void Posts_from_the_loops_thread_run_in_the_order_posted() => HoldsUnderEverySeed(() => PostsInOrderAsync());

    [Fact]
    public void Posts_from_another_thread_run_in_the_order_posted() => HoldsUnderEverySeed(() => Coroutine.Start(PostsFromAThread()));

    [Fact]
    public void A_futures_callbacks_run_in_registration_order() => HoldsUnderEverySeed(() => CallbacksInOrderAsync());

    [Fact]
    public void One_step_of_a_coroutine_runs_at_a_time() => HoldsUnderEverySeed(() => OneStepAtATimeAsync());

    [Fact]
    public void No_timer_fires_before_its_deadline() => HoldsUnderEverySeed(() => TimersNotEarlyAsync());

    [Fact]
    public void A_groups_children_end_before_its_waiter_resumes() => HoldsUnderEverySeed(() => GroupWaiterAsync());

    [Fact]
    public void A_group_cancelled_from_another_thread_stops_its_child_before_its_waiter_resumes() =>
        HoldsUnderEverySeed(() => GroupCancelledFromAThreadAsync());

    [Fact]
    public void A_cancelled_coroutine_runs_its_finally_before_Cancel_returns() => HoldsUnderEverySeed(() => CancelStopsAtOnceAsync());

    [Fact]
    public void Queue_waiters_are_served_first_come_first_served() => HoldsUnderEverySeed(() => QueueWaitersInOrderAsync());

    private static void HoldsUnderEverySeed(Func<Future> test)
    {
        SimulationReport report = Simulation.Explore(test, s_thousandSeeds);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(1000, report.SchedulesRun);
    }

    [Coroutine]
    private static partial IEnumerable<Future> PostsInOrder()
    {
        EventLoop loop = EventLoop.Current!;
        var seen = new List<int>();
        Future busy = BusyAsync(); // other ready work for the posts to be shuffled against
        for (int i = 0; i < 10; i++)
        {
            int number = i;
            loop.Post(() => seen.Add(number));
            yield return Coroutine.Moment;
        }

        yield return busy;
        yield return Coroutine.Sleep(TimeSpan.FromSeconds(1));
        Expect(seen.SequenceEqual(Enumerable.Range(0, 10)), $"posts ran as {string.Join(",", seen)}");
    }

    private static IEnumerable PostsFromAThread()
    {
        EventLoop loop = EventLoop.Current!;
        var seen = new List<int>();
        Future busy = BusyAsync();
        Task thread = Task.Run(() =>
        {
            for (int i = 0; i < 10; i++)
            {
                int number = i;
                loop.Post(() => seen.Add(number));
            }
        });
        yield return thread;
        yield return busy;
        yield return Coroutine.Sleep(TimeSpan.FromSeconds(1));
        Expect(seen.SequenceEqual(Enumerable.Range(0, 10)), $"posts ran as {string.Join(",", seen)}");
    }

    [Coroutine]
    private static partial IEnumerable<Future> CallbacksInOrder()
    {
        EventLoop loop = EventLoop.Current!;
        var seen = new List<string>();
        var future = new Future();
        for (int i = 0; i < 4; i++)
        {
            int number = i;
            future.AddDoneCallback(_ => seen.Add($"callback {number}"));
            loop.AddFuture(future, _ => seen.Add($"loop callback {number}"));
        }

        Future busy = BusyAsync();
        yield return Coroutine.Moment;
        future.SetResult();
        yield return busy;
        yield return Coroutine.Sleep(TimeSpan.FromSeconds(1));
        string[] expected = [.. Enumerable.Range(0, 4).Select(i => $"callback {i}"), .. Enumerable.Range(0, 4).Select(i => $"loop callback {i}")];
        Expect(seen.SequenceEqual(expected), $"callbacks ran as {string.Join(", ", seen)}");
    }

    [Coroutine]
    private static partial IEnumerable<Future> OneStepAtATime()
    {
        var running = new StrongBox();
        var batons = new List<Future> { new() };
        yield return Future.All(StepperAsync(running, batons, 1), StepperAsync(running, batons, 2), StepperAsync(running, batons, 3));
    }

    /// <summary>Each step hands a baton that the other steppers wait on: their resumes are queued
    /// inside this step, and must not run inside it.</summary>
    [Coroutine]
    private static partial IEnumerable<Future> Stepper(StrongBox running, List<Future> batons, int me)
    {
        for (int i = 0; i < 5; i++)
        {
            Expect(running.Value == 0, $"stepper {me} started a step inside stepper {running.Value}'s");
            running.Value = me;
            Future handed = batons[^1];
            batons.Add(new Future());
            handed.SetResult();
            Expect(running.Value == me, $"stepper {running.Value} ran inside stepper {me}'s step");
            running.Value = 0;
            yield return Future.Any(batons[^1], Coroutine.Sleep(TimeSpan.FromMilliseconds(1)));
        }
    }

    [Coroutine]
    private static partial IEnumerable<Future> TimersNotEarly()
    {
        EventLoop loop = EventLoop.Current!;
        TimeProvider clock = loop.TimeProvider;
        long start = clock.GetTimestamp();
        var sleepers = new List<Future>();
        for (int i = 0; i < 6; i++)
        {
            TimeSpan delay = TimeSpan.FromMilliseconds(loop.Random.Next(0, 50));
            loop.CallLater(delay, () => Expect(clock.GetElapsedTime(start) >= delay, $"a timer of {delay} fired early"));
            sleepers.Add(SleeperAsync(delay));
        }

        yield return Future.All(sleepers);
    }

    [Coroutine]
    private static partial IEnumerable<Future> Sleeper(TimeSpan delay)
    {
        TimeProvider clock = EventLoop.Current!.TimeProvider;
        long start = clock.GetTimestamp();
        yield return Coroutine.Sleep(delay);
        Expect(clock.GetElapsedTime(start) >= delay, $"a sleep of {delay} ended early");
    }

    [Coroutine]
    private static partial IEnumerable<Future> GroupWaiter()
    {
        var ended = new List<int>();
        var group = new CoroutineGroup();
        for (int i = 0; i < 4; i++)
        {
            group.Add(ChildAsync(i, ended));
        }

        Future waited = group;
        yield return waited.Settled();
        Expect(ended.Count == 4, $"the group's waiter resumed with {ended.Count} of 4 children ended");
        Expect(waited.Exception is InvalidOperationException, "child 2's failure is the group's");
    }

    [Coroutine]
    private static partial IEnumerable<Future> Child(int number, List<int> ended)
    {
        try
        {
            for (int i = 0; i <= number; i++)
            {
                yield return Coroutine.Moment;
            }

            if (number == 2)
            {
                throw new InvalidOperationException("child 2 fails, and the group cancels the others");
            }

            yield return Coroutine.Sleep(TimeSpan.FromSeconds(number));
        }
        finally
        {
            ended.Add(number);
        }
    }

    [Coroutine]
    private static partial IEnumerable<Future> GroupCancelledFromAThread()
    {
        var stopped = new StrongBox();
        var group = new CoroutineGroup();
        group.Add(StoppableAsync(stopped, new Future())); // waits for nothing the loop controls: no timer to jump to
        Future busy = BusyAsync();
        var go = new ManualResetEventSlim();
        Task canceller = Task.Run(() =>
        {
            go.Wait();
            group.Cancel(); // posts the child's stop to the loop, then ends the group: both from this thread
        });
        Future cancelled = canceller; // a task's future made on the loop: the run waits for the thread
        EventLoop.Current!.CallLater(TimeSpan.Zero, go.Set); // once the waiter below is registered
        yield return ((Future)group).Settled();
        Expect(stopped.Value == 1, "the group's waiter resumed before the child it cancelled from another thread had stopped");
        yield return cancelled;
        yield return busy;
    }

    [Coroutine]
    private static partial IEnumerable<Future> CancelStopsAtOnce()
    {
        var stopped = new StrongBox();
        Future sleeper = StoppableAsync(stopped, Coroutine.Sleep(TimeSpan.FromHours(1)));
        Future busy = BusyAsync();
        yield return Coroutine.Moment;
        sleeper.Cancel();
        Expect(stopped.Value == 1, "Cancel() returned before the coroutine's finally ran");
        yield return busy;
    }

    [Coroutine]
    private static partial IEnumerable<Future> Stoppable(StrongBox stopped, Future waitsOn)
    {
        try
        {
            yield return waitsOn;
        }
        finally
        {
            stopped.Value = 1;
        }
    }

    [Coroutine]
    private static partial IEnumerable<Future> QueueWaitersInOrder()
    {
        var queue = new FutureQueue<int>();
        var got = new List<(int Waiter, int Item)>();
        Future[] waiters = [.. Enumerable.Range(0, 4).Select(i => GetterAsync(queue, i, got))];
        yield return Coroutine.Moment;
        for (int item = 0; item < 4; item++)
        {
            queue.TryPut(item);
        }

        yield return Future.All(waiters);
        Expect(got.All(pair => pair.Waiter == pair.Item), $"waiters got {string.Join(", ", got)}");
    }

    [Coroutine]
    private static partial IEnumerable<Future> Getter(FutureQueue<int> queue, int number, List<(int, int)> got)
    {
        Future<int> item = queue.Get();
        yield return item;
        got.Add((number, item.Result));
    }

    /// <summary>Ready work of its own, so that a seed has something to reorder the promise against.</summary>
    [Coroutine]
    private static partial IEnumerable<Future> Busy()
    {
        for (int i = 0; i < 5; i++)
        {
            yield return EventLoop.Current!.Random.Next(2) == 0 ? Coroutine.Moment : Coroutine.Sleep(TimeSpan.FromMilliseconds(1));
        }
    }

    private static void Expect(bool promiseKept, string whatBroke)
    {
        if (!promiseKept)
        {
            throw new InvalidOperationException("An ordering promise broke under a seed: " + whatBroke);
        }
    }

    private sealed class StrongBox
    {
        public int Value { get; set; }
    }
}

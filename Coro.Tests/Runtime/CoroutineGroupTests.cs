using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>
/// CoroutineGroup. Where a case comes from CPython's Lib/test/test_asyncio/test_taskgroups.py, the
/// comment names the test it ports; sleeps there are replaced by futures the test completes, or by
/// sleeps whose order alone matters.
/// </summary>
public class CoroutineGroupTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    // Ports test_taskgroup_01.
    [Fact]
    public void A_group_whose_children_all_succeed_succeeds_and_keeps_their_results()
    {
        (int, int) results = Loop.Run<(int, int)>(() => Body());

        Assert.Equal((42, 11), results);

        static IEnumerable Body()
        {
            using var group = new CoroutineGroup();
            Future<int> first = group.Add(After(20, 42));
            Future<int> second = group.Add(After(10, 11));
            yield return group;
            Assert.True(group.IsDone && !group.IsFaulted && !group.IsCanceled);
            yield return Coroutine.Return((first.Result, second.Result));
        }
    }

    // Ports test_taskgroup_02.
    [Fact]
    public void Children_added_between_yields_of_other_futures_belong_to_the_group()
    {
        Future<int>? second = null;

        Loop.Run(() => Body());

        Assert.Equal(11, second!.Result);

        IEnumerable Body()
        {
            using var group = new CoroutineGroup();
            Future<int> first = group.Add(After(10, 42));
            yield return first; // its only child has ended, but nothing waits on the group yet
            Assert.False(group.IsDone);
            second = group.Add(After(10, 11));
            yield return group;
            Assert.True(second.IsDone);
        }
    }

    // Ports test_taskgroup_03.
    [Fact]
    public void A_child_cancelled_from_outside_is_no_failure()
    {
        var cancelled = new Future<int>();

        Loop.Run(() => Body());

        Assert.True(cancelled.IsCanceled);

        IEnumerable Body()
        {
            using var group = new CoroutineGroup();
            group.Add(cancelled);
            Future<int> other = group.Add(After(10, 11));
            cancelled.Cancel();
            yield return group;
            Assert.False(group.IsFaulted);
            Assert.Equal(11, other.Result);
        }
    }

    // Ports test_taskgroup_04 and test_cancel_children_on_child_error.
    [Fact]
    public void A_failing_child_cancels_the_others_whose_finally_runs_before_the_group_faults_with_that_exception()
    {
        var failure = new InvalidOperationException("child failed");
        var events = new List<string>();
        CoroutineGroup? group = null;
        Future? sibling = null;
        Future? late = null;

        Exception error = Assert.Throws<InvalidOperationException>(() => Loop.Run(() => Body()));

        Assert.Same(failure, error);
        Assert.Same(failure, group!.Exception);
        Assert.True(sibling!.IsCanceled);
        Assert.True(late!.IsCanceled);
        Assert.Equal(["sibling finally", "late finally", "group faulted"], events);

        IEnumerable Body()
        {
            using var g = group = new CoroutineGroup();
            sibling = g.Add(Coroutine.Start(Waits("sibling")));
            g.Add(Coroutine.Start(Fails()));
            late = g.Add(Coroutine.Start(Waits("late")));
            g.AddDoneCallback(done => events.Add(done.IsFaulted ? "group faulted" : "group ended otherwise"));
            yield return g;
            events.Add("not reached: the group faulted");
        }

        IEnumerable Waits(string name)
        {
            try
            {
                yield return Coroutine.Sleep(Long);
            }
            finally
            {
                events.Add($"{name} finally");
            }
        }

        IEnumerable Fails()
        {
            yield return Coroutine.Moment;
            throw failure;
        }
    }

    [Fact]
    public void Two_failures_fault_the_group_with_an_AggregateException_of_both_in_the_order_they_happened()
    {
        var first = new FormatException("first");
        var second = new TimeoutException("second");
        var group = new CoroutineGroup();

        group.Add(Future.FromException(first));
        group.Add(Future.FromException(second)); // it failed before the group could cancel it
        group.AddDoneCallback(_ => { });

        var aggregate = Assert.IsType<AggregateException>(group.Exception);
        Assert.Equal<Exception>([first, second], aggregate.InnerExceptions);
    }

    // Ports test_taskgroup_19: what a sibling's finally throws while it is cancelled is a failure too.
    [Fact]
    public void What_a_cancelled_siblings_finally_throws_joins_the_failures_after_the_first()
    {
        var failure = new FormatException("child failed");
        var fromFinally = new InvalidTimeZoneException("finally threw");
        CoroutineGroup? group = null;

        Assert.Throws<AggregateException>(() => Loop.Run(() => Body()));

        var aggregate = Assert.IsType<AggregateException>(group!.Exception);
        Assert.Equal<Exception>([failure, fromFinally], aggregate.InnerExceptions);

        IEnumerable Body()
        {
            using var g = group = new CoroutineGroup();
            g.Add(Coroutine.Start(ThrowsFromFinally()));
            g.Add(Coroutine.Start(Fails()));
            yield return g;
        }

        IEnumerable ThrowsFromFinally()
        {
            try
            {
                yield return Coroutine.Sleep(Long);
            }
            finally
            {
                throw fromFinally;
            }
        }

        IEnumerable Fails()
        {
            yield return Coroutine.Moment;
            throw failure;
        }
    }

    [Fact]
    public void Add_on_a_done_group_throws()
    {
        var group = new CoroutineGroup();
        group.Add(Future.Completed);
        Assert.True(group.Settled().IsDone);

        var error = Assert.Throws<InvalidOperationException>(() => group.Add(new Future()));
        Assert.Contains("done", error.Message);
        Assert.Throws<InvalidOperationException>(() => CancelledGroup().Add(new Future()));

        static CoroutineGroup CancelledGroup()
        {
            var cancelled = new CoroutineGroup();
            cancelled.Cancel();
            return cancelled;
        }
    }

    [Fact]
    public void Cancel_cancels_every_child_and_then_the_group()
    {
        var children = new[] { new Future(), new Future<int>() };
        var group = new CoroutineGroup();
        foreach (Future child in children)
        {
            group.Add(child);
        }

        bool childrenCancelledFirst = false;
        group.AddDoneCallback(_ => childrenCancelledFirst = children.All(child => child.IsCanceled));

        Assert.True(group.Cancel());

        Assert.True(group.IsCanceled);
        Assert.True(childrenCancelledFirst);
        Assert.False(group.Cancel());
    }

    [Fact]
    public void Cancel_cancels_every_child_even_if_one_throws_then_rethrows_every_failure_in_order()
    {
        var first = new FormatException("first finally");
        var second = new InvalidCastException("second finally");
        var last = new Future();
        CoroutineGroup? group = null;
        Exception? thrown = null;

        Loop.Run(() => Body());

        // The rule of every cancellation fan-out (Future.All, Future.Any, the loop's close): one
        // exception as itself, several as an AggregateException in the order they were thrown.
        var aggregate = Assert.IsType<AggregateException>(thrown);
        Assert.Equal([first, second], aggregate.InnerExceptions);
        Assert.True(group!.IsCanceled);
        Assert.True(last.IsCanceled);

        IEnumerable Body()
        {
            group = new CoroutineGroup();
            group.Add(Coroutine.Start(Throws(first)));
            group.Add(Coroutine.Start(Throws(second)));
            group.Add(last);
            yield return Coroutine.Moment;
            thrown = Record.Exception(() => group.Cancel());
        }

        static IEnumerable Throws(Exception exception)
        {
            try
            {
                yield return new Future();
            }
            finally
            {
                throw exception;
            }
        }
    }

    // Ports test_taskgroup_09 and test_taskgroup_10.
    [Fact]
    public void A_body_that_leaves_the_using_early_by_an_exception_stops_its_children()
    {
        var failure = new FormatException("body failed");
        var finallyRan = new List<int>();
        var children = new List<Future>();

        Exception error = Assert.Throws<FormatException>(() => Loop.Run(() => Body()));

        Assert.Same(failure, error);
        Assert.Equal([1, 2], finallyRan);
        Assert.All(children, child => Assert.True(child.IsCanceled));

        IEnumerable Body()
        {
            using (var group = new CoroutineGroup())
            {
                children.Add(group.Add(Coroutine.Start(Waits(1))));
                children.Add(group.Add(Coroutine.Start(Waits(2))));
                yield return Coroutine.Moment;
                throw failure;
            }
        }

        IEnumerable Waits(int child)
        {
            try
            {
                yield return Coroutine.Sleep(Long);
            }
            finally
            {
                finallyRan.Add(child);
            }
        }
    }

    // Ports test_taskgroup_07 and test_cancellation: the body is cancelled inside the group's scope.
    [Fact]
    public void A_body_cancelled_inside_the_using_stops_its_children()
    {
        var children = new List<Future>();
        int finallyRuns = 0;
        Future? body = null;

        Loop.Run(() => Main());

        Assert.True(body!.IsCanceled);
        Assert.Equal(5, finallyRuns);
        Assert.All(children, child => Assert.True(child.IsCanceled));

        IEnumerable Main()
        {
            body = Coroutine.Start(Body());
            yield return Coroutine.Moment;
            body.Cancel();
        }

        IEnumerable Body()
        {
            using var group = new CoroutineGroup();
            for (int i = 0; i < 5; i++)
            {
                children.Add(group.Add(Coroutine.Start(Waits())));
            }

            yield return Coroutine.Sleep(Long);
            yield return group;
        }

        IEnumerable Waits()
        {
            try
            {
                yield return Coroutine.Sleep(Long);
            }
            finally
            {
                finallyRuns++;
            }
        }
    }

    // Ports test_taskgroup_22.
    [Fact]
    public void Cancelling_the_coroutine_that_waits_on_the_group_cancels_the_group_and_its_children()
    {
        CoroutineGroup? group = null;
        Future? child = null;
        Future? body = null;

        Loop.Run(() => Main());

        Assert.True(body!.IsCanceled);
        Assert.True(group!.IsCanceled);
        Assert.True(child!.IsCanceled);

        IEnumerable Main()
        {
            body = Coroutine.Start(Body());
            yield return Coroutine.Moment;
            body.Cancel();
        }

        IEnumerable Body()
        {
            using var g = group = new CoroutineGroup();
            child = g.Add(Coroutine.Sleep(Long));
            yield return g;
        }
    }

    [Fact]
    public void An_empty_group_succeeds_once_it_is_waited_on()
    {
        var group = new CoroutineGroup();
        Assert.False(group.IsDone);

        Loop.Run(() => Body());

        Assert.True(group.IsDone && !group.IsFaulted && !group.IsCanceled);

        IEnumerable Body()
        {
            yield return group;
        }
    }

    [Fact]
    public void A_group_completes_only_once_waited_on_by_yield_await_callback_or_combinator()
    {
        CoroutineGroup[] groups = [.. Enumerable.Range(0, 4).Select(_ => new CoroutineGroup())];
        foreach (CoroutineGroup group in groups)
        {
            group.Add(Future.Completed);
        }

        Assert.All(groups, group => Assert.False(group.IsDone));

        groups[0].AddDoneCallback(_ => { });
        groups[1].GetAwaiter().UnsafeOnCompleted(() => { }); // what `await group` does
        Future settled = groups[2].Settled();
        Loop.Run(() => Yields(groups[3]));

        Assert.All(groups, group => Assert.True(group.IsDone && !group.IsFaulted));
        Assert.True(settled.IsDone);

        static IEnumerable Yields(Future future)
        {
            yield return future;
        }
    }

    [Fact]
    public void A_failure_before_the_group_is_waited_on_cancels_the_others_but_the_group_faults_only_when_waited_on()
    {
        var failure = new FormatException("early");
        var running = new Future();
        var group = new CoroutineGroup();
        group.Add(running);
        var failing = group.Add(new Future());

        failing.SetException(failure);

        Assert.True(running.IsCanceled);
        Assert.False(group.IsDone);
        var added = group.Add(new Future()); // a child added now is cancelled at once
        Assert.True(added.IsCanceled);

        group.AddDoneCallback(_ => { });
        Assert.Same(failure, group.Exception);
    }

    [Fact]
    public void Add_returns_its_argument()
    {
        var group = new CoroutineGroup();
        var child = new Future<string>();

        Future<string> returned = group.Add(child);

        Assert.Same(child, returned);
        group.Cancel();
    }

    [Fact]
    public void A_group_cannot_be_its_own_child()
    {
        var group = new CoroutineGroup();

        Assert.Throws<ArgumentException>(() => group.Add(group));
    }

    // Ports test_taskgroup_24 and test_taskgroup_25: children add to the group while it is waited on.
    [Fact]
    public void Children_may_add_children_while_the_group_is_waited_on()
    {
        int started = 0;

        Loop.Run(() => Body());

        Assert.Equal(1 + 2 + 4 + 8, started);

        IEnumerable Body()
        {
            using var group = new CoroutineGroup();
            group.Add(Coroutine.Start(Hydra(group, 4)));
            yield return group;
        }

        IEnumerable Hydra(CoroutineGroup group, int heads)
        {
            started++;
            yield return Coroutine.Moment;
            if (heads > 1)
            {
                group.Add(Coroutine.Start(Hydra(group, heads - 1)));
                group.Add(Coroutine.Start(Hydra(group, heads - 1)));
            }
        }
    }

    // Ports test_taskgroup_13 and test_taskgroup_14.
    [Fact]
    public void A_failing_inner_group_fails_the_outer_group_with_the_same_exception_and_cancels_its_siblings()
    {
        var failure = new FormatException("inner child failed");
        CoroutineGroup? outer = null;
        Future? outerSibling = null;

        Exception error = Assert.Throws<FormatException>(() => Loop.Run(() => Body()));

        Assert.Same(failure, error);
        Assert.Same(failure, outer!.Exception);
        Assert.True(outerSibling!.IsCanceled);

        IEnumerable Body()
        {
            using var o = outer = new CoroutineGroup();
            outerSibling = o.Add(Coroutine.Sleep(Long));
            o.Add(Coroutine.Start(Inner()));
            yield return o;
        }

        IEnumerable Inner()
        {
            using var inner = new CoroutineGroup();
            inner.Add(Coroutine.Sleep(Long));
            inner.Add(Coroutine.Start(Fails()));
            yield return inner;
        }

        IEnumerable Fails()
        {
            yield return Coroutine.Moment;
            throw failure;
        }
    }

    [Fact]
    public void WithTimeout_on_a_group_cancels_its_children_when_it_expires()
    {
        Future? child = null;
        CoroutineGroup? group = null;

        Assert.Throws<TimeoutException>(() => Loop.Run(() => Body()));

        Assert.True(group!.IsCanceled);
        Assert.True(child!.IsCanceled);

        IEnumerable Body()
        {
            using var g = group = new CoroutineGroup();
            child = g.Add(Coroutine.Sleep(Long));
            yield return g.WithTimeout(TimeSpan.FromMilliseconds(1));
        }
    }

    // Ports test_taskgroup_23: the group forgets children that ended.
    [Fact]
    public void A_long_lived_group_lets_children_that_ended_be_collected()
    {
        var group = new CoroutineGroup();
        var running = group.Add(new Future());

        WeakReference[] ended = AddEndedChildren(group, 1_000);
        GC.Collect();

        Assert.Equal([running], group.RunningChildren);
        Assert.True(ended.Count(child => child.IsAlive) < 100, "the group keeps the children that ended");
        group.Cancel();
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference[] AddEndedChildren(CoroutineGroup group, int count)
    {
        var children = new WeakReference[count];
        for (int i = 0; i < count; i++)
        {
            Future child = group.Add(new Future());
            child.SetResult();
            children[i] = new WeakReference(child);
        }

        return children;
    }

    [Fact]
    public void Dispose_after_the_group_is_done_does_nothing()
    {
        // One group of each ending. Dispose must neither throw nor change how the group ended: a
        // Dispose that cancelled, or failed over an exception it could not add, would show here.
        var succeeded = new CoroutineGroup();
        succeeded.Add(new Future<int>()).SetResult(1);
        var failure = new InvalidOperationException("child failed");
        var faulted = new CoroutineGroup();
        faulted.Add(new Future<int>()).SetException(failure);
        var emptied = new CoroutineGroup();
        CoroutineGroup[] groups = [succeeded, faulted, emptied];
        foreach (CoroutineGroup group in groups)
        {
            group.AddDoneCallback(_ => { }); // waited on: from now on it may complete
        }

        Assert.All(groups, group => Assert.True(group.IsDone));
        foreach (CoroutineGroup group in groups)
        {
            group.Dispose();
            group.Dispose();
        }

        Assert.True(succeeded.IsDone && !succeeded.IsCanceled && !succeeded.IsFaulted);
        Assert.Same(failure, faulted.Exception);
        Assert.True(emptied.IsDone && !emptied.IsCanceled && !emptied.IsFaulted);
    }

    private static Future<int> After(int milliseconds, int value) => Coroutine.Start<int>(AfterBody(milliseconds, value));

    private static IEnumerable AfterBody(int milliseconds, int value)
    {
        yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
        yield return Coroutine.Return(value);
    }
}

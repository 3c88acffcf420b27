using System.Collections;
using Coro.Tests.Runtime;

namespace Coro.Tests.Stress;

[Collection(nameof(UnobservedExceptionTests))] // runs alone, beside the other stress tests
public class CoroutineGroupStressTests
{
    private enum GroupEnding
    {
        WaitedOn,            // yielded: succeeds, or faults with exactly the failures that happened
        CancelledFromOutside, // a timer cancels it while a child hangs: cancelled
        LeftEarly,           // the body throws inside the using before yielding it: cancelled
    }

    private enum ChildEnding
    {
        Succeed,
        Fail,
        CancelItself,
        CancelledByTimer, // hangs until a timer cancels it from outside (or the group does first)
        HangsForever,     // only in groups that are cancelled: ends when the group cancels it
    }

    private sealed record Child(int[] Sleeps, ChildEnding Ending, bool AddedLater, int CancelAfter);

    private sealed record Plan(GroupEnding Ending, Child[] Children, int Delay);

    [Fact]
    public void Ten_thousand_groups_of_random_children_end_as_specified_run_every_finally_once_and_leave_nothing_suspended()
    {
        const int Count = 10_000;
        var random = new Random(15);
        Plan[] plans = [.. Enumerable.Range(0, Count).Select(_ => NewPlan(random))];
        var groups = new CoroutineGroup[Count];
        var bodies = new Future[Count];
        var children = new Future?[Count][];
        var finallyRuns = new int[Count][];
        var thrown = new List<Exception>[Count];
        var endedBeforeGroup = new bool[Count];

        // A step counter (everything runs on the loop's thread): when each child was started and
        // when it succeeded, and when its group's first failure was thrown.
        int clock = 0;
        var startedAt = new int[Count][];
        var succeededAt = new int[Count][];
        var firstFailureAt = new int[Count];
        int suspendedAtEnd = -1;
        for (int g = 0; g < Count; g++)
        {
            children[g] = new Future?[plans[g].Children.Length];
            finallyRuns[g] = new int[plans[g].Children.Length];
            thrown[g] = [];
            startedAt[g] = new int[plans[g].Children.Length];
            succeededAt[g] = new int[plans[g].Children.Length];
        }

        Loop.Run(() => Main());

        Assert.Equal(1, suspendedAtEnd); // Main itself
        for (int g = 0; g < Count; g++)
        {
            Plan plan = plans[g];
            CoroutineGroup group = groups[g];
            Assert.All(finallyRuns[g], runs => Assert.Equal(1, runs));
            Assert.All(children[g], child => Assert.True(child!.IsDone));
            switch (plan.Ending)
            {
                case GroupEnding.WaitedOn:
                    Assert.True(endedBeforeGroup[g], $"group {g} completed before its children ended");
                    AssertFailures(g, group, thrown[g], mustFail: plan.Children.Any(c => c.Ending == ChildEnding.Fail));
                    for (int i = 0; i < plan.Children.Length && thrown[g].Count > 0; i++)
                    {
                        bool ranPastFailure = startedAt[g][i] < firstFailureAt[g] && succeededAt[g][i] > firstFailureAt[g];
                        Assert.False(ranPastFailure, $"group {g}: child {i} went on after a sibling failed instead of being cancelled");
                    }

                    break;
                case GroupEnding.CancelledFromOutside:
                    Assert.True(group.IsCanceled, $"group {g} should be cancelled");
                    break;
                case GroupEnding.LeftEarly:
                    Assert.True(group.IsCanceled, $"group {g} should be cancelled");
                    Assert.IsType<LeftEarlyException>(bodies[g].Exception);
                    break;
            }
        }

        // Read what is left, so no failure of this test is reported to the next one through a finalizer.
        foreach (Future?[] ofGroup in children)
        {
            Array.ForEach(ofGroup, child => _ = child!.Exception);
        }

        IEnumerable Main()
        {
            var ends = new Future[Count];
            for (int g = 0; g < Count; g++)
            {
                bodies[g] = Coroutine.Start(RunGroup(g));
                ends[g] = bodies[g].Settled();
            }

            yield return Future.All(ends);
            suspendedAtEnd = CountSuspended(EventLoop.Current!);
        }

        IEnumerable RunGroup(int g)
        {
            EventLoop loop = EventLoop.Current!;
            Plan plan = plans[g];
            using var group = groups[g] = new CoroutineGroup();
            for (int i = 0; i < plan.Children.Length; i++)
            {
                Child script = plan.Children[i];
                if (script.AddedLater)
                {
                    yield return Coroutine.Moment;
                }

                startedAt[g][i] = ++clock;
                Future child = children[g][i] = group.Add(Coroutine.Start(RunChild(g, i)));
                if (script.Ending == ChildEnding.CancelledByTimer)
                {
                    loop.CallLater(TimeSpan.FromMilliseconds(script.CancelAfter), () => child.Cancel());
                }
            }

            switch (plan.Ending)
            {
                case GroupEnding.LeftEarly:
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(plan.Delay));
                    throw new LeftEarlyException();
                case GroupEnding.CancelledFromOutside:
                    loop.CallLater(TimeSpan.FromMilliseconds(plan.Delay), () => group.Cancel());
                    break;
            }

            yield return group.Settled();
            endedBeforeGroup[g] = children[g].All(child => child!.IsDone) && finallyRuns[g].All(runs => runs == 1);
        }

        IEnumerable RunChild(int g, int i)
        {
            Child script = plans[g].Children[i];
            try
            {
                foreach (int milliseconds in script.Sleeps)
                {
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(milliseconds));
                }

                switch (script.Ending)
                {
                    case ChildEnding.Succeed:
                        succeededAt[g][i] = ++clock;
                        break;
                    case ChildEnding.Fail:
                        var failure = new ScriptException(g, i);
                        if (thrown[g].Count == 0)
                        {
                            firstFailureAt[g] = ++clock;
                        }

                        thrown[g].Add(failure);
                        throw failure;
                    case ChildEnding.CancelItself:
                        throw new OperationCanceledException();
                    case ChildEnding.CancelledByTimer:
                    case ChildEnding.HangsForever:
                        yield return new Future();
                        break;
                }
            }
            finally
            {
                finallyRuns[g][i]++;
            }
        }
    }

    private static void AssertFailures(int g, CoroutineGroup group, List<Exception> thrown, bool mustFail)
    {
        if (!mustFail)
        {
            Assert.True(group.IsDone && !group.IsFaulted && !group.IsCanceled, $"group {g} should succeed");
            return;
        }

        // Which failing children threw first depends on the sleeps; whatever threw is in the group,
        // in that order, and nothing else.
        Assert.NotEmpty(thrown);
        if (thrown.Count == 1)
        {
            Assert.Same(thrown[0], group.Exception);
        }
        else
        {
            Assert.Equal(thrown, Assert.IsType<AggregateException>(group.Exception).InnerExceptions);
        }
    }

    private static Plan NewPlan(Random random)
    {
        var ending = (GroupEnding)random.Next(3);
        var children = new Child[random.Next(6)];
        for (int i = 0; i < children.Length; i++)
        {
            ChildEnding childEnding = (ChildEnding)random.Next(4);
            if (ending == GroupEnding.CancelledFromOutside && childEnding == ChildEnding.Fail)
            {
                childEnding = ChildEnding.Succeed; // a failure could end the group before the timer
            }

            children[i] = new Child(
                [.. Enumerable.Range(0, random.Next(3)).Select(_ => random.Next(0, 6))],
                childEnding,
                AddedLater: random.Next(4) == 0,
                CancelAfter: random.Next(0, 10));
        }

        if (ending == GroupEnding.CancelledFromOutside)
        {
            // Pending until the timer, whatever the other children do.
            children = [.. children, new Child([], ChildEnding.HangsForever, AddedLater: false, CancelAfter: 0)];
        }

        return new Plan(ending, children, Delay: random.Next(0, 10));
    }

    /// <summary>How many coroutines are suspended on the loop.</summary>
    private static int CountSuspended(EventLoop loop) => loop.Suspended.Count;

    private sealed class ScriptException(int group, int child) : Exception($"group {group}, child {child}");

    private sealed class LeftEarlyException() : Exception("the body left the group's using early");
}

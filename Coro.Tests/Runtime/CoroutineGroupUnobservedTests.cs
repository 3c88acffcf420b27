using System.Runtime.CompilerServices;

namespace Coro.Tests.Runtime;

/// <summary>Where a child's failure goes once a group took it in. These force collections, so they
/// run alone with the other unobserved-exception tests.</summary>
[Collection(nameof(UnobservedExceptionTests))]
public class CoroutineGroupUnobservedTests
{
    [Fact]
    public void A_failure_the_group_faulted_with_is_not_reported_again_by_its_child()
    {
        var failure = new System.Resources.MissingSatelliteAssemblyException("read through the group");

        (bool reported, bool childCollected) = Collect(failure, () => FaultGroupAndReadIt(failure));

        Assert.True(childCollected, "the child future was not collected, so the test proves nothing");
        Assert.False(reported);
    }

    [Fact]
    public void A_failure_left_behind_by_a_group_cancelled_before_it_faulted_is_reported_by_its_child()
    {
        var failure = new System.Resources.MissingSatelliteAssemblyException("the group was cancelled first");

        (bool reported, _) = Collect(failure, () => FailThenCancelGroup(failure));

        Assert.True(reported);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FaultGroupAndReadIt(Exception failure)
    {
        var group = new CoroutineGroup();
        Future child = group.Add(new Future());
        child.SetException(failure);
        group.AddDoneCallback(_ => { });
        Assert.Same(failure, group.Exception);
        return new WeakReference(child);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FailThenCancelGroup(Exception failure)
    {
        var group = new CoroutineGroup();
        Future child = group.Add(new Future());
        child.SetException(failure); // not waited on yet: the group only records it
        group.Cancel();
        Assert.True(group.IsCanceled);
        return new WeakReference(child);
    }

    private static (bool Reported, bool ChildCollected) Collect(Exception failure, Func<WeakReference> makeGarbage)
    {
        bool reported = false;
        void Handler(object? sender, UnobservedFutureExceptionEventArgs args) => reported |= ReferenceEquals(args.Exception, failure);
        Future.UnobservedException += Handler;
        try
        {
            WeakReference child = makeGarbage();
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            return (reported, !child.IsAlive);
        }
        finally
        {
            Future.UnobservedException -= Handler;
        }
    }
}

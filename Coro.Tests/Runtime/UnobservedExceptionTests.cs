using System.Collections;
using System.Runtime.CompilerServices;

namespace Coro.Tests.Runtime;

/// <summary>These tests force garbage collections and prove that the future they watch was collected
/// before they look at what was reported; they run alone so that the reports they wait for are not
/// delayed by other tests.</summary>
[Collection(nameof(UnobservedExceptionTests))]
[CollectionDefinition(nameof(UnobservedExceptionTests), DisableParallelization = true)]
public class UnobservedExceptionTests
{
    [Fact]
    public void A_faulted_future_that_nobody_observed_is_reported_when_collected()
    {
        Exception failure = new MissingMemberException("never read");

        Assert.True(UnobservedReports.IsReported(failure, () => DropFaulted(failure)));
    }

    [Fact]
    public void A_dropped_coroutine_that_failed_is_reported()
    {
        Exception failure = new MissingFieldException("coroutine failed");

        Assert.True(UnobservedReports.IsReported(failure, () => DropCoroutine(failure)));
    }

    [Fact]
    public void Failures_read_through_Result_Exception_yield_or_await_are_not_reported()
    {
        var viaResult = new MissingMethodException("result");
        var viaException = new MissingMethodException("exception");
        var viaYield = new MissingMethodException("yield");
        var viaAwait = new MissingMethodException("await");

        Assert.False(UnobservedReports.IsReported(viaResult, () => ObserveWith(viaResult, f => Record.Exception(() => ((Future<int>)f).Result))));
        Assert.False(UnobservedReports.IsReported(viaException, () => ObserveWith(viaException, f => _ = f.Exception)));
        Assert.False(UnobservedReports.IsReported(viaYield, () => ObserveByYield(viaYield)));
        Assert.False(UnobservedReports.IsReported(viaAwait, () => ObserveWith(viaAwait, f => Record.Exception(() => f.GetAwaiter().GetResult()))));
    }

    [Fact]
    public void Later_failures_inside_All_are_observed_by_it()
    {
        var first = new EntryPointNotFoundException("first");
        var later = new EntryPointNotFoundException("later");

        Assert.False(UnobservedReports.IsReported(later, () => FailInsideAll(first, later)));
    }

    [Fact]
    public void The_success_path_has_no_finalizer()
    {
        Type[] types = [typeof(Future), typeof(Future<int>), Coro.CompilerServices.CoroutineWrapper.NewFuture<int>(null).GetType()];

        Assert.All(types, type => Assert.Equal(typeof(object), type.GetMethod("Finalize", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.DeclaringType));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference DropFaulted(Exception failure) => new(Future.FromException(failure));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference DropCoroutine(Exception failure) => new(Coroutine.Start(Throws(failure)));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ObserveWith(Exception failure, Action<Future> observe)
    {
        Future<int> faulted = Future.FromException<int>(failure);
        observe(faulted);
        return new WeakReference(faulted);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ObserveByYield(Exception failure)
    {
        // The parent coroutine observes the child's failure by yielding it, and its own failure is read by Run.
        WeakReference? child = null;
        Assert.Throws<MissingMethodException>(() => Loop.Run(() => Parent()));
        return child!;

        IEnumerable Parent()
        {
            Future started = Coroutine.Start(Throws(failure, yieldFirst: true));
            child = new WeakReference(started);
            yield return started;
        }
    }

    /// <summary>Fails <paramref name="later"/> into the second child after All was read; that child is the one watched.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FailInsideAll(Exception first, Exception later)
    {
        var a = new Future();
        var b = new Future();
        Future all = Future.All(a, b);
        a.SetException(first);
        _ = all.Exception;
        b.SetException(later);
        return new WeakReference(b);
    }

    private static IEnumerable<Future> Throws(Exception failure, bool yieldFirst = false)
    {
        if (yieldFirst)
        {
            yield return Coroutine.Moment;
        }

        throw failure;
    }
}

using System.Runtime.CompilerServices;

namespace Coro.Tests.Runtime;

/// <summary>
/// What the dictionary form of <c>Future.All</c> and <c>Future.Gather</c> do with failures nobody
/// reads. Each test proves that the faulted future was collected (a dead <see cref="WeakReference"/>)
/// before it looks at what was reported. They force collections, so they run alone.
/// </summary>
[Collection(nameof(UnobservedExceptionTests))]
public class CombinedFailureObservationTests
{
    // Tornado's test_multi_exceptions logs the later failures of a multi; Coro counts them as
    // observed by the combinator, exactly as the sequence form of All does.
    [Fact]
    public void Later_failures_inside_All_of_a_dictionary_or_Gather_are_observed_by_it()
    {
        var laterInDictionary = new EntryPointNotFoundException("later, dictionary");
        var laterInGather = new EntryPointNotFoundException("later, gather");

        Assert.False(UnobservedReports.IsReported(laterInDictionary, () => FailSecondLater(laterInDictionary, (a, b) => Future.All(new Dictionary<string, Future<int>> { ["a"] = a, ["b"] = b }))));
        Assert.False(UnobservedReports.IsReported(laterInGather, () => FailSecondLater(laterInGather, (a, b) => Future.Gather(a, b))));
    }

    [Fact]
    public void A_failed_All_of_a_dictionary_or_Gather_that_nobody_reads_is_reported()
    {
        var inDictionary = new EntryPointNotFoundException("dictionary");
        var inGather = new EntryPointNotFoundException("gather");

        Assert.True(UnobservedReports.IsReported(inDictionary, () => DropFailed(inDictionary, child => Future.All(new Dictionary<int, Future> { [1] = child }))));
        Assert.True(UnobservedReports.IsReported(inGather, () => DropFailed(inGather, child => Future.Gather(child, Future.FromResult(1)))));
    }

    /// <summary>Fails the first child (the combinator reads that one), then the second with
    /// <paramref name="later"/>, and drops everything; the second child is the one watched.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference FailSecondLater(Exception later, Func<Future<int>, Future<int>, Future> combine)
    {
        var first = new Future<int>();
        var second = new Future<int>();
        Future combined = combine(first, second);
        first.SetException(new EntryPointNotFoundException("first"));
        second.SetException(later);
        _ = combined.Exception;
        return new WeakReference(second);
    }

    /// <summary>Fails the only interesting child and drops the combined future unread; it is the one watched.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference DropFailed(Exception failure, Func<Future<int>, Future> combine)
    {
        var child = new Future<int>();
        Future combined = combine(child);
        child.SetException(failure);
        return new WeakReference(combined);
    }
}

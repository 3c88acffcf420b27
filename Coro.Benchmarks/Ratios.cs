using BenchmarkDotNet.Reports;
using Coro.Benchmarks.Workloads;

namespace Coro.Benchmarks;

/// <summary>
/// The lines a run ends with, <c>ratio W2 0.74</c>: one benchmark's mean over another's, both from
/// the same run. Against async/await for W1 to W4, against a floor for the W1 and W4-inline floors
/// and G1's edit; against System.Threading.Channels for Q1 and SemaphoreSlim for L1. A name ending in <c>*</c> sums every benchmark of the workload it starts (W1 has
/// a fresh and a cached variant). With <c>--mixed</c>, each name ends in <c>-mixed</c>.
/// </summary>
internal static class Ratios
{
    private static readonly Ratio[] s_lines =
    [
        new("W1", "W1", "Coro*", "AsyncAwait*"),
        new("W1-floor", "W1", "Coro_cached", "Floor_cached"),
        new("W1-floor-fresh", "W1", "Coro_fresh", "Floor_fresh"),
        new("W2", "W2", "Coro", "AsyncAwait"),
        new("W3", "W3", "Coro", "AsyncAwait"),
        new("W3-bytes", "W3", "Coro", "AsyncAwait", Bytes: true),
        new("W4", "W4", "Coro", "AsyncAwait"),
        new("W4-inline", "W4-inline", "Coro", "AsyncAwait"),
        new("W4-inline-floor", "W4-inline", "Coro", "Iterator_floor"),
        new("Q1", "Q1", "Coro*", "Channels*"),
        new("Q1-unbounded", "Q1", "Coro_unbounded", "Channels_unbounded"),
        new("Q1-bounded", "Q1", "Coro_bounded", "Channels_bounded"),
        new("L1", "L1", "Coro*", "SemaphoreSlim*"),
        new("L1-uncontended", "L1", "Coro_lock_uncontended", "SemaphoreSlim_uncontended"),
        new("L1-contended", "L1", "Coro_semaphore_contended", "SemaphoreSlim_contended"),
        new("M1-interface-mix", "M1", "Interface_64_types", "Interface_one_type"),
        new("M1-virtual-mix", "M1", "Virtual_64_types", "Virtual_one_type"),
        new("G1-edit-floor", "G1", "Generator_incremental_edit", "Floor_incremental_edit"),
    ];

    public static IEnumerable<string> Lines(IReadOnlyList<BenchmarkReport> reports, string suffix)
    {
        foreach (Ratio line in s_lines)
        {
            BenchmarkReport[] workload = [.. reports.Where(report => report.BenchmarkCase.Descriptor.Categories.Contains(line.Workload))];
            double over = Sum(workload, line.Over, line.Bytes);
            double under = Sum(workload, line.Under, line.Bytes);
            if (over > 0 && under > 0)
            {
                yield return FormattableString.Invariant($"ratio {line.Name}{suffix} {over / under:0.00}");
            }
        }

        // The bytes of one coroutine of the inline chain (the target is per level, not per chain).
        BenchmarkReport? inline = reports.FirstOrDefault(report =>
            report.BenchmarkCase.Descriptor.Categories.Contains("W4-inline") && MethodName(report) == "Coro");
        if (inline?.GcStats.GetBytesAllocatedPerOperation(inline.BenchmarkCase) is { } chainBytes)
        {
            yield return FormattableString.Invariant($"bytes W4-inline{suffix} {chainBytes / (double)W4ChainInline.CoroutinesPerChain:0} per level");
        }
    }

    private static double Sum(IEnumerable<BenchmarkReport> reports, string method, bool bytes) => reports
        .Where(report => method.EndsWith('*')
            ? MethodName(report).StartsWith(method[..^1], StringComparison.Ordinal)
            : MethodName(report) == method)
        .Sum(report => bytes
            ? report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0
            : report.ResultStatistics?.Mean ?? 0);

    private static string MethodName(BenchmarkReport report) => report.BenchmarkCase.Descriptor.WorkloadMethod.Name;

    /// <param name="Name">What the line is called.</param>
    /// <param name="Workload">The benchmark category both sides belong to.</param>
    /// <param name="Over">The benchmark divided (a name, or a prefix and <c>*</c>).</param>
    /// <param name="Under">The benchmark it is divided by.</param>
    /// <param name="Bytes">Compare bytes allocated per operation instead of time.</param>
    private sealed record Ratio(string Name, string Workload, string Over, string Under, bool Bytes = false);
}

using BenchmarkDotNet.Reports;

namespace Coro.Benchmarks;

/// <summary>Coro's time over async/await's for each workload of a run: benchmarks named
/// <c>Coro*</c> against those named <c>AsyncAwait*</c> in the same class, means summed over
/// the variants (W1 has a fresh and a cached variant). Only W1 to W4 have a ratio line; the
/// other tables (W4-inline, G1) are read from the summary.</summary>
internal static class Ratios
{
    private static readonly string[] s_workloads = ["W1", "W2", "W3", "W4"];

    public static IEnumerable<(string Workload, double Ratio)> Of(Summary summary)
    {
        foreach (var workload in summary.Reports.GroupBy(report => report.BenchmarkCase.Descriptor.Categories.FirstOrDefault() ?? "?"))
        {
            if (!s_workloads.Contains(workload.Key))
            {
                continue;
            }

            double coro = MeanOf(workload, "Coro");
            double async = MeanOf(workload, "AsyncAwait");
            if (coro > 0 && async > 0)
            {
                yield return (workload.Key, coro / async);
            }
        }
    }

    private static double MeanOf(IEnumerable<BenchmarkReport> reports, string prefix) => reports
        .Where(report => report.BenchmarkCase.Descriptor.WorkloadMethod.Name.StartsWith(prefix, StringComparison.Ordinal))
        .Sum(report => report.ResultStatistics?.Mean ?? 0);
}

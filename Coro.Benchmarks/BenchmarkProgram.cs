using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Coro.Benchmarks.Workloads;

namespace Coro.Benchmarks;

/// <summary>
/// Runs every workload against its async/await twin and ends with one line per workload,
/// <c>ratio W2 0.74</c>: Coro's mean time divided by async/await's, from the same run.
/// <c>--quick</c> runs in-process with few iterations (under two minutes); without it,
/// BenchmarkDotNet's default job runs each benchmark in its own process.
/// </summary>
internal static class BenchmarkProgram
{
    private static readonly Type[] s_workloads = [typeof(W1DoneFutures), typeof(W2PingPong), typeof(W2Watchdog), typeof(W3FanOut), typeof(W4Chain), typeof(W4ChainInline), typeof(G1Generator)];

    public static int Main(string[] args)
    {
        bool quick = args.Contains("--quick");
        string[] rest = [.. args.Where(arg => arg != "--quick")];
        IConfig config = quick ? QuickConfig() : DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default);

        Summary[] summaries = rest.Length > 0
            ? [.. BenchmarkSwitcher.FromTypes(s_workloads).Run(rest, config)]
            : [.. s_workloads.Select(type => BenchmarkRunner.Run(type, config))];

        Console.WriteLine();
        foreach (BenchmarkReport report in summaries.SelectMany(summary => summary.Reports))
        {
            if (report.BenchmarkCase.Descriptor.Categories.Contains("G1") && report.ResultStatistics is { } statistics)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"G1 {report.BenchmarkCase.Descriptor.WorkloadMethod.Name} {statistics.Mean / 1e6:0.0} ms"));
            }
        }

        foreach (Summary summary in summaries)
        {
            foreach ((string workload, double ratio) in Ratios.Of(summary))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio {workload} {ratio:0.00}"));
            }
        }

        return 0;
    }

    private static IConfig QuickConfig() => ManualConfig.CreateMinimumViable()
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(5)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(200))
            .WithId("Quick"));
}

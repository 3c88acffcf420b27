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
/// Runs every workload against its async/await twin (and its floor) and ends with the ratio lines
/// of <see cref="Ratios"/>. <c>--quick</c> runs in-process with few iterations (a few minutes);
/// without it, BenchmarkDotNet's default job runs each benchmark in its own process. <c>--mixed</c>
/// first drives many iterator types through the runtime (<see cref="Mixed.MixedMode"/>).
/// </summary>
internal static class BenchmarkProgram
{
    private static readonly Type[] s_workloads = [typeof(W1DoneFutures), typeof(W2PingPong), typeof(W2Watchdog), typeof(W3FanOut), typeof(W4Chain), typeof(W4ChainInline), typeof(Q1Queue), typeof(L1Lock), typeof(M1MixSites), typeof(G1Generator)];

    public static int Main(string[] args)
    {
        bool quick = args.Contains("--quick");
        bool mixed = args.Contains("--mixed");
        string[] rest = [.. args.Where(arg => arg is not ("--quick" or "--mixed"))];
        if (mixed)
        {
            // An environment variable reaches the benchmark processes a full run starts, too.
            Environment.SetEnvironmentVariable(Mixed.MixedMode.Variable, "1");
        }

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

        foreach (string line in Ratios.Lines([.. summaries.SelectMany(summary => summary.Reports)], mixed ? "-mixed" : ""))
        {
            Console.WriteLine(line);
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

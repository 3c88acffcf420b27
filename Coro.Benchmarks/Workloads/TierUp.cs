namespace Coro.Benchmarks.Workloads;

/// <summary>
/// Brings a workload's methods to their optimized code before it is measured. The JIT optimizes a
/// method with its measured profile after 30 calls (and a pause in new compilations); a workload
/// whose every call is one long loop would otherwise be measured in the loop's on-stack-replacement
/// code, compiled from a guessed profile.
/// </summary>
internal static class TierUp
{
    /// <summary>The length of each short run: long enough to leave a profile, short enough to be cheap.</summary>
    public const int ShortRun = 1_000;

    public static void Run(Action shortRuns)
    {
        for (int round = 0; round < 3; round++)
        {
            for (int call = 0; call < 40; call++)
            {
                shortRuns();
            }

            Thread.Sleep(300); // the optimized code is compiled on a background thread
        }
    }
}

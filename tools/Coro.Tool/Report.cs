namespace Coro.Tool;

/// <summary>What dotnet-coro read from one process or dump: its loops and their coroutines.</summary>
/// <param name="Source">"process 1234" or the dump's path.</param>
/// <param name="IsLive">A live process (durations against the clock now) or a dump (up to each
/// loop's latest turn).</param>
internal sealed record ProcessReport(int? ProcessId, string Source, bool IsLive, IReadOnlyList<LoopReport> Loops);

/// <summary>One loop: its thread, whether a step runs on it now and whose, and its coroutines.</summary>
/// <param name="ManagedThreadId">The loop's thread while it runs (-1: not running now).</param>
/// <param name="DurationsUpTo">What <see cref="CoroutineReport.SuspendedFor"/> is measured up to:
/// "now", or "the loop's latest turn".</param>
internal sealed record LoopReport(
    string Address,
    int ManagedThreadId,
    uint? OSThreadId,
    LoopActivity Activity,
    StepReport? RunningStep,
    string DurationsUpTo,
    IReadOnlyList<CoroutineReport> Coroutines);

internal enum LoopActivity
{
    /// <summary>The loop is not running (before <c>Run</c>, after it, or a pumped loop between turns).</summary>
    NotRunning,

    /// <summary>The loop's thread waits for work.</summary>
    Waiting,

    /// <summary>The loop's thread runs a step (a coroutine's or a callback's).</summary>
    RunningStep,
}

/// <summary>The step running on a loop's thread: the coroutine whose body runs (null for a plain
/// callback) and where it is.</summary>
internal sealed record StepReport(string? Coroutine, SourceLocation? Location);

/// <summary>A line of a source file.</summary>
internal sealed record SourceLocation(string File, int Line)
{
    public override string ToString() => $"{Path.GetFileName(File)}:{Line}";
}

/// <summary>One suspended coroutine, as <c>CoroutineInfo</c> has it, plus the <c>yield return</c>
/// it is suspended at. <see cref="Awaiting"/> holds the <see cref="Id"/>s of the coroutines it
/// waits on, each also in the loop's list.</summary>
internal sealed record CoroutineReport(
    int Id,
    string Name,
    string WaitingOn,
    TimeSpan? SuspendedFor,
    SourceLocation? Location,
    IReadOnlyList<int> Awaiting);

using System.Globalization;
using System.Text;

namespace Coro.Tool;

/// <summary>The reports as text: each loop's coroutines as the tree of <c>DescribeCoroutines</c>
/// (the same line for each coroutine, the same indentation), with the line it waits at.</summary>
internal static class TextOutput
{
    public static string Write(ProcessReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Capitalized(report.Source)}: {report.Loops.Count} {(report.Loops.Count == 1 ? "loop" : "loops")}").AppendLine();
        foreach (LoopReport loop in report.Loops)
        {
            text.AppendLine();
            text.Append(CultureInfo.InvariantCulture, $"Loop {loop.Address}: {Activity(loop)}").AppendLine();
            WriteTree(text, loop);
        }

        return text.ToString();
    }

    public static string Write(IReadOnlyList<ProcessSummary> processes)
    {
        if (processes.Count == 0)
        {
            return "No .NET process with Coro loaded is running." + Environment.NewLine;
        }

        var text = new StringBuilder();
        text.AppendLine("PID      PROCESS                        LOOPS");
        foreach (ProcessSummary process in processes)
        {
            string loops = process.Error ?? string.Join(", ", process.Loops.Select(loop => loop.Activity == LoopActivity.NotRunning
                ? string.Create(CultureInfo.InvariantCulture, $"a loop not running, {loop.Suspended} suspended")
                : string.Create(CultureInfo.InvariantCulture, $"thread {loop.ManagedThreadId} {Word(loop.Activity)}, {loop.Suspended} suspended")));
            text.Append(CultureInfo.InvariantCulture, $"{process.ProcessId,-8} {process.Name,-30} {(loops.Length == 0 ? "no loop" : loops)}").AppendLine();
        }

        return text.ToString();
    }

    /// <summary>The tree as <c>CoroutineSnapshot.Describe</c> writes it: roots (coroutines no other
    /// one waits on) first, each awaited coroutine indented under the one waiting on it.</summary>
    private static void WriteTree(StringBuilder text, LoopReport loop)
    {
        if (loop.Coroutines.Count == 0)
        {
            text.AppendLine("  No coroutines are suspended on this loop.");
            return;
        }

        var byId = loop.Coroutines.ToDictionary(coroutine => coroutine.Id);
        var awaited = loop.Coroutines.SelectMany(coroutine => coroutine.Awaiting).ToHashSet();
        text.Append(CultureInfo.InvariantCulture, $"  {loop.Coroutines.Count} {(loop.Coroutines.Count == 1 ? "coroutine" : "coroutines")} suspended (durations up to {loop.DurationsUpTo}):").AppendLine();
        var onPath = new HashSet<int>();
        foreach (CoroutineReport root in loop.Coroutines.Where(coroutine => !awaited.Contains(coroutine.Id)))
        {
            WriteCoroutine(root, 2);
        }

        void WriteCoroutine(CoroutineReport coroutine, int depth)
        {
            text.Append(' ', depth * 2).Append(Line(coroutine)).AppendLine();
            if (!onPath.Add(coroutine.Id))
            {
                return; // a cycle: each coroutine once per path
            }

            foreach (int child in coroutine.Awaiting)
            {
                WriteCoroutine(byId[child], depth + 1);
            }

            onPath.Remove(coroutine.Id);
        }
    }

    /// <summary><c>CoroutineInfo.ToString()</c>'s line, then where the coroutine waits.</summary>
    private static string Line(CoroutineReport coroutine)
    {
        string duration = coroutine.SuspendedFor is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.000} s")
            : "(unknown: the loop's own clock)";
        string at = coroutine.Location is { } location ? $" at {location}" : "";
        return $"{coroutine.Name}: waiting on {coroutine.WaitingOn} for {duration}{at}";
    }

    private static string Activity(LoopReport loop) => loop.Activity switch
    {
        LoopActivity.NotRunning => "not running",
        LoopActivity.Waiting => $"thread {loop.ManagedThreadId} (OS thread {loop.OSThreadId}), waiting for work",
        _ => $"thread {loop.ManagedThreadId} (OS thread {loop.OSThreadId}), running a step of {Step(loop.RunningStep)}",
    };

    private static string Step(StepReport? step) => step switch
    {
        { Coroutine: { } name, Location: { } location } => $"{name} at {location}",
        { Coroutine: { } name } => name,
        _ => "a callback (no coroutine)",
    };

    private static string Word(LoopActivity activity) => activity == LoopActivity.Waiting ? "waiting" : "running a step";

    private static string Capitalized(string source) => source.Length > 0 ? char.ToUpperInvariant(source[0]) + source[1..] : source;
}

using System.Diagnostics;
using Microsoft.Diagnostics.Runtime;

namespace Coro.Tool;

/// <summary>
/// Reads every <c>EventLoop</c> on the target's heap: its thread and what runs on it, and its
/// suspended coroutines as Coro's <c>CoroutineSnapshot</c> builds them (oldest first, each with the
/// coroutines behind the future it waits on), plus the line each one is suspended at.
/// </summary>
internal sealed class LoopReader(ClrRuntime runtime, bool isLive, SourceLines lines)
{
    public IReadOnlyList<LoopReport> ReadLoops()
    {
        if (!runtime.EnumerateModules().Any(module => Path.GetFileNameWithoutExtension(module.Name ?? "") == RuntimeLayout.CoroAssembly))
        {
            throw new ToolException("Coro is not loaded in this process (no Coro.Runtime.dll among its assemblies).");
        }

        if (!runtime.Heap.CanWalkHeap)
        {
            throw new ToolException("The target's heap cannot be walked now (a garbage collection is under way): try again.");
        }

        return [.. runtime.Heap.EnumerateObjects()
            .Where(item => item.Type?.Name == RuntimeLayout.EventLoopType)
            .Select(ReadLoop)];
    }

    private LoopReport ReadLoop(ClrObject loop)
    {
        int threadId = Fields.Value<int>(loop, RuntimeLayout.LoopThreadId);
        ClrThread? thread = threadId < 0 ? null : runtime.Threads.FirstOrDefault(candidate => candidate.ManagedThreadId == threadId && candidate.IsAlive);
        (LoopActivity activity, StepReport? step) = thread is null ? (LoopActivity.NotRunning, null) : LoopThread.Read(thread, lines);

        // On the system clock (Stopwatch timestamps, one clock for the whole machine) a live target's
        // durations run up to now; in a dump, or on a clock of the program's own, up to the loop's
        // latest turn.
        ClrObject clock = Fields.Object(loop, RuntimeLayout.LoopClock);
        bool systemClock = clock.Type?.Name == RuntimeLayout.SystemClockType;
        bool againstNow = isLive && systemClock;
        long upTo = againstNow ? Stopwatch.GetTimestamp() : Fields.Value<long>(loop, RuntimeLayout.LoopLastReading);
        double? frequency = systemClock ? Stopwatch.Frequency : null; // another clock's frequency is its own

        var coroutines = ReadSuspended(Fields.Object(loop, RuntimeLayout.LoopSuspended), upTo, frequency);
        return new LoopReport(
            $"0x{loop.Address:x}",
            thread?.ManagedThreadId ?? -1,
            thread?.OSThreadId,
            activity,
            step,
            againstNow ? "now" : "the loop's latest turn",
            coroutines);
    }

    private List<CoroutineReport> ReadSuspended(ClrObject suspended, long upTo, double? frequency)
    {
        // The slots, oldest first, as SuspendedCoroutines keeps them (holes are empty entries).
        var entries = new List<(ClrObject Coroutine, long SuspendedAt)>();
        int end = Fields.Value<int>(suspended, RuntimeLayout.SuspendedEnd);
        foreach (ClrObject segment in Fields.Elements(Fields.Object(suspended, RuntimeLayout.SuspendedSegments)))
        {
            if (segment.IsNull || entries.Count >= end)
            {
                break; // the segments not allocated yet, or past the slots in use
            }

            ClrArray slots = segment.AsArray();
            for (int slot = 0; slot < slots.Length && entries.Count < end; slot++)
            {
                ClrValueType entry = slots.GetStructValue(slot);
                entries.Add((Fields.Object(entry, RuntimeLayout.EntryCoroutine), Fields.Value<long>(entry, RuntimeLayout.EntrySuspendedAt)));
            }
        }

        var ids = new Dictionary<ulong, int>();
        var reports = new List<(ClrObject Coroutine, CoroutineReport Report)>();
        foreach ((ClrObject coroutine, long suspendedAt) in entries)
        {
            ClrObject awaited = coroutine.IsNull ? default : Fields.Object(coroutine, RuntimeLayout.RunnerAwaiting);
            if (awaited.IsNull)
            {
                continue; // a hole, or the coroutine running now: not suspended
            }

            ClrObject body = Fields.Object(coroutine, RuntimeLayout.RunnerBody);
            TimeSpan? suspendedFor = frequency is { } ticksPerSecond
                ? TimeSpan.FromSeconds(Math.Max(0, upTo - suspendedAt) / ticksPerSecond)
                : null;
            ids[coroutine.Address] = reports.Count + 1;
            reports.Add((coroutine, new CoroutineReport(reports.Count + 1, FutureReader.Describe(coroutine), FutureReader.Describe(awaited), suspendedFor, YieldOf(body), [])));
        }

        return [.. reports.Select(item => item.Report with
        {
            Awaiting = [.. CoroutinesBehind(Fields.Object(item.Coroutine, RuntimeLayout.RunnerAwaiting))
                .Select(coroutine => ids.GetValueOrDefault(coroutine.Address))
                .Where(id => id != 0)],
        })];
    }

    private SourceLocation? YieldOf(ClrObject body)
    {
        if (body.IsNull || body.Type is not { } type || type.GetFieldByName(RuntimeLayout.IteratorState) is null)
        {
            return null;
        }

        return lines.OfYield(type.Module?.Name, type.MetadataToken, body.ReadField<int>(RuntimeLayout.IteratorState));
    }

    /// <summary>Coro's <c>CoroutineSnapshot.CoroutinesBehind</c>: the coroutine a future is, or
    /// those behind the futures it waits on, in their order.</summary>
    private static IEnumerable<ClrObject> CoroutinesBehind(ClrObject future)
    {
        var seen = new HashSet<ulong>();
        var pending = new Stack<ClrObject>();
        pending.Push(future);
        while (pending.Count > 0)
        {
            ClrObject next = pending.Pop();
            if (next.IsNull || !seen.Add(next.Address))
            {
                continue;
            }

            if (FutureReader.IsCoroutine(next))
            {
                yield return next;
                continue;
            }

            foreach (ClrObject dependency in FutureReader.Dependencies(next).Reverse())
            {
                pending.Push(dependency);
            }
        }
    }
}

using System.Globalization;
using System.Text;

namespace Coro;

/// <summary>
/// What a simulated loop (<see cref="EventLoopOptions.Seed"/>) ran, one step a line: the virtual time,
/// the step (a coroutine's <c>Type.Method</c> and its number in the run, the future a timer ends, a
/// callback's method) and what a coroutine had waited on: <c>+00:00:01 App.Worker #2 after Sleep 00:00:01</c>. The same seed gives the same trace; <see cref="Hash"/> compares two runs in one string.
/// Work that came from outside the loop (a <see cref="Task"/> completed on the thread pool, another
/// thread's <see cref="EventLoop.Post"/>) is named in it, and makes the run
/// <see cref="IsReplayable"/> false.
/// </summary>
/// <remarks>Written by the loop's thread: read it after the run, or on the loop's thread.</remarks>
public sealed class SimulationTrace
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    private readonly List<string> _lines = [];
    private ulong _hash = FnvOffset;

    internal SimulationTrace(int seed) => Seed = seed;

    /// <summary>The seed of the run.</summary>
    public int Seed { get; }

    /// <summary>How many steps ran.</summary>
    public int Steps { get; private set; }

    /// <summary>False once something from outside the loop reached it: a run that waited on a thread
    /// does not replay from its seed alone.</summary>
    public bool IsReplayable { get; private set; } = true;

    /// <summary>A hash of every line (64-bit FNV-1a, 16 hex digits): equal for runs that took the same
    /// steps in the same order at the same virtual times, in any process.</summary>
    public string Hash => _hash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>The lines, in order.</summary>
    public IReadOnlyList<string> Lines => _lines;

    /// <summary>The trace, one step a line, after a line naming the seed and its hash.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("Seed ").Append(Seed.ToString(CultureInfo.InvariantCulture)).Append(", ")
            .Append(Steps.ToString(CultureInfo.InvariantCulture)).Append(" steps, hash ").Append(Hash)
            .Append(IsReplayable ? "" : ", not replayable: work came from outside the loop").AppendLine();
        foreach (string line in _lines)
        {
            text.Append(line).AppendLine();
        }

        return text.ToString();
    }

    internal void AddStep(TimeSpan at, string step, string? waitedOn)
    {
        Steps++;
        Add(waitedOn is null ? $"{Time(at)} {step}" : $"{Time(at)} {step} after {waitedOn}");
    }

    /// <summary>A step that came from outside the loop, when the loop takes it in.</summary>
    internal void AddFromOutside(TimeSpan at, string step)
    {
        IsReplayable = false;
        Add($"{Time(at)} from outside the loop (not replayable): {step}");
    }

    private static string Time(TimeSpan at) => "+" + at.ToString("c", CultureInfo.InvariantCulture);

    private void Add(string line)
    {
        _lines.Add(line);
        foreach (char c in line)
        {
            _hash = (_hash ^ c) * FnvPrime;
        }

        _hash = (_hash ^ '\n') * FnvPrime;
    }
}

using System.Diagnostics;

namespace Coro;

/// <summary>
/// The clock of a loop with <see cref="EventLoopOptions.VirtualTime"/>: it starts at the real now
/// and moves only when the loop, having nothing to run, jumps it to the next timer's deadline.
/// Only the loop's thread moves it; any thread may read it.
/// </summary>
/// <remarks>A simulated loop (<see cref="EventLoopOptions.Seed"/>) starts it at <see cref="SimulationStart"/>
/// instead, counting in <see cref="TimeSpan"/> ticks from a fixed timestamp, so that its times and its
/// trace are the same in every process and on every machine, whatever its stopwatch's frequency.</remarks>
internal sealed class VirtualClock : TimeProvider
{
    /// <summary>Where a simulated run's clock starts: fixed, so that runs in different processes agree.</summary>
    public static readonly DateTimeOffset SimulationStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly DateTimeOffset _startUtc;
    private readonly long _start;
    private readonly long _frequency;
    private long _now;

    public VirtualClock()
        : this(System.GetUtcNow(), Stopwatch.GetTimestamp(), Stopwatch.Frequency)
    {
    }

    private VirtualClock(DateTimeOffset startUtc, long start, long frequency)
    {
        _startUtc = startUtc;
        _start = start;
        _frequency = frequency;
        _now = start;
    }

    /// <summary>The clock of a simulated run: at <see cref="SimulationStart"/>, whose timestamp is its
    /// ticks (never 0, which the loop reads as "no reading yet").</summary>
    public static VirtualClock ForSimulation() =>
        new(SimulationStart, SimulationStart.UtcTicks, TimeSpan.TicksPerSecond);

    public override long TimestampFrequency => _frequency;

    /// <summary>How far the clock has moved since it started.</summary>
    public TimeSpan Elapsed => ElapsedAt(GetTimestamp());

    /// <summary>How far the clock will have moved when it reaches <paramref name="timestamp"/>.</summary>
    public TimeSpan ElapsedAt(long timestamp) => GetElapsedTime(_start, timestamp);

    public override long GetTimestamp() => Volatile.Read(ref _now);

    public override DateTimeOffset GetUtcNow() => _startUtc + GetElapsedTime(_start, GetTimestamp());

    /// <summary>Moves the clock forward to <paramref name="timestamp"/>; never backward.</summary>
    public void JumpTo(long timestamp)
    {
        if (timestamp > _now)
        {
            Volatile.Write(ref _now, timestamp);
        }
    }

    /// <summary>A <see cref="TimeProvider"/> timer calls back on a pool thread, which under virtual
    /// time would have to run in real time; the loop's own timers follow the virtual clock.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException(
            "A loop with EventLoopOptions.VirtualTime has no TimeProvider timers; use EventLoop.CallLater, " +
            "Coroutine.Sleep or Future.WithTimeout, which follow its virtual clock.");
}

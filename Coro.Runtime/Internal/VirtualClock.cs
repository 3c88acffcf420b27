using System.Diagnostics;

namespace Coro;

/// <summary>
/// The clock of a loop with <see cref="EventLoopOptions.VirtualTime"/>: it starts at the real now
/// and moves only when the loop, having nothing to run, jumps it to the next timer's deadline.
/// Only the loop's thread moves it; any thread may read it.
/// </summary>
internal sealed class VirtualClock : TimeProvider
{
    private readonly DateTimeOffset _startUtc = System.GetUtcNow();
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _now;

    public VirtualClock() => _now = _start;

    public override long TimestampFrequency => Stopwatch.Frequency;

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

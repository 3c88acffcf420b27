using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>An idle loop blocks its thread instead of spinning a core, whatever it waits for.</summary>
public class IdleLoopTests
{
    [Fact]
    public void A_loop_waiting_for_another_thread_blocks_its_thread()
    {
        Assert.True(Loop.Run<bool>(() => WaitForWatcher(withTimer: false)));
    }

    [Fact]
    public void A_loop_waiting_for_a_timer_blocks_its_thread()
    {
        Assert.True(Loop.Run<bool>(() => WaitForWatcher(withTimer: true)));
    }

    /// <summary>
    /// Yields a future that a watcher thread completes once it has seen the loop's thread blocked
    /// (<see cref="ThreadState.WaitSleepJoin"/>) on many samples in a row. Nothing else can wake the
    /// loop, so a loop that blocks is seen blocked in every schedule; one that spins never is, and
    /// the watcher gives up after a bound only a broken loop reaches.
    /// </summary>
    private static IEnumerable WaitForWatcher(bool withTimer)
    {
        Thread loopThread = Thread.CurrentThread;
        var seenBlocked = new Future<bool>();
        var watcher = new Thread(() => seenBlocked.SetResult(StaysBlocked(loopThread))) { IsBackground = true };
        watcher.Start();

        // With a timer the loop sleeps until the timer is due (an hour away) instead of without end.
        yield return withTimer ? Future.Any(seenBlocked, Coroutine.Sleep(TimeSpan.FromHours(1))) : seenBlocked;
        yield return Coroutine.Return(seenBlocked.Result);
    }

    private static bool StaysBlocked(Thread thread)
    {
        const int SamplesInARow = 50;
        DateTime giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        int blocked = 0;
        while (blocked < SamplesInARow && DateTime.UtcNow < giveUp)
        {
            blocked = (thread.ThreadState & ThreadState.WaitSleepJoin) != 0 ? blocked + 1 : 0;
            Thread.Sleep(1);
        }

        return blocked == SamplesInARow;
    }
}

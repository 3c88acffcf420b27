using System.Collections;

namespace Coro.Tests.Runtime;

public class PumpedLoopTests
{
    [Fact]
    public void A_coroutine_that_yields_null_resumes_once_per_pump()
    {
        using var loop = new EventLoop();
        var frames = new List<int>();
        int frame = 0;

        Future<int> game = loop.Start(() => Coroutine.Start<int>(Body()));
        while (!game.IsDone && frame < 100)
        {
            frame++;
            loop.RunOnce();
        }

        Assert.Equal(3, game.Result);
        Assert.Equal([1, 2, 3, 4], frames);

        IEnumerable Body()
        {
            for (int i = 0; i < 3; i++)
            {
                frames.Add(frame);
                yield return null;
            }

            frames.Add(frame);
            yield return Coroutine.Return(3);
        }
    }

    [Fact]
    public void RunOnce_never_blocks_and_counts_what_ran()
    {
        using var loop = new EventLoop();
        Future sleeper = loop.Start(() => Coroutine.Sleep(TimeSpan.FromHours(1)));

        Assert.Equal(1, loop.RunOnce()); // main's call
        Assert.Equal(0, loop.RunOnce()); // nothing ready: returns at once, although a timer waits
        Assert.False(sleeper.IsDone);
    }

    [Fact]
    public void The_loop_is_Current_and_the_synchronization_context_inside_RunOnce_only()
    {
        using var loop = new EventLoop();
        (EventLoop? Current, SynchronizationContext? Context) inside = default;
        loop.Post(() => inside = (EventLoop.Current, SynchronizationContext.Current));

        loop.RunOnce();

        Assert.Same(loop, inside.Current);
        Assert.NotNull(inside.Context);
        Assert.Null(EventLoop.Current);
        Assert.NotSame(inside.Context, SynchronizationContext.Current);
    }

    [Fact]
    public void Only_the_thread_that_pumped_first_may_pump()
    {
        using var loop = new EventLoop();
        loop.RunOnce();
        Exception? fromOtherThread = null;

        var other = new Thread(() => fromOtherThread = Record.Exception(() => loop.RunOnce()));
        other.Start();
        other.Join();

        Assert.IsType<InvalidOperationException>(fromOtherThread);
        Assert.Contains("thread", fromOtherThread!.Message);
    }

    [Fact]
    public void A_Post_from_another_thread_runs_on_the_next_pump()
    {
        using var loop = new EventLoop();
        loop.RunOnce();
        bool ran = false;

        var other = new Thread(() => loop.Post(() => ran = true));
        other.Start();
        other.Join();

        Assert.False(ran);
        Assert.Equal(1, loop.RunOnce());
        Assert.True(ran);
    }

    [Fact]
    public void Dispose_cancels_what_is_suspended_and_runs_its_finally_blocks()
    {
        var loop = new EventLoop();
        bool cleanedUp = false;
        Future game = loop.Start(() => Coroutine.Start(Body()));
        loop.RunOnce();

        loop.Dispose();

        Assert.True(game.IsCanceled);
        Assert.True(cleanedUp);
        Assert.Throws<InvalidOperationException>(() => loop.Post(() => { }));
        Assert.Throws<ObjectDisposedException>(() => loop.RunOnce());

        IEnumerable Body()
        {
            try
            {
                yield return Coroutine.Sleep(TimeSpan.FromHours(1));
            }
            finally
            {
                cleanedUp = true;
            }
        }
    }

    [Fact]
    public void Under_virtual_time_a_pump_with_nothing_ready_jumps_to_the_next_deadline()
    {
        using var loop = new EventLoop(new EventLoopOptions { VirtualTime = true });
        long start = loop.TimeProvider.GetTimestamp();
        Future sleeper = loop.Start(() => Coroutine.Sleep(TimeSpan.FromMinutes(10)));

        loop.RunOnce(); // main
        loop.RunOnce(); // the jump

        Assert.True(sleeper.IsDone);
        Assert.Equal(TimeSpan.FromMinutes(10), loop.TimeProvider.GetElapsedTime(start));
    }
}

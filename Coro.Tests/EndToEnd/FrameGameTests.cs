using Coro.Sample;

namespace Coro.Tests.EndToEnd;

public class FrameGameTests
{
    [Fact]
    public void A_host_that_pumps_once_per_frame_moves_each_entity_one_step_per_frame()
    {
        var game = new FrameGame(TextWriter.Null);

        int frames = game.Play(realTime: false);

        string[] walking =
        [
            "frame 1: scout starts", "frame 1: knight starts",
            "frame 2: scout at 1", "frame 2: knight at 1",
            "frame 3: scout at 2", "frame 3: knight at 2",
            "frame 4: scout at 3", "frame 4: knight at 3",
            "frame 5: knight at 4",
            "frame 6: knight at 5",
        ];
        Assert.Equal(walking, game.Events.Where(line => !line.Contains(" got ", StringComparison.Ordinal)));

        // The rewards come from pool threads, fetched on frame 6: the coroutine goes on in that
        // frame if the task is done already, else on a later one, always on the host's thread.
        string[] rewards = [.. game.Events.Where(line => line.Contains(" got ", StringComparison.Ordinal))];
        Assert.Equal(2, rewards.Length);
        Assert.Contains(rewards, line => line.EndsWith(": scout got 50", StringComparison.Ordinal));
        Assert.Contains(rewards, line => line.EndsWith(": knight got 60", StringComparison.Ordinal));
        Assert.All(rewards, line => Assert.True(FrameOf(line) >= 6, line));
        Assert.Equal(frames, rewards.Max(FrameOf));
    }

    private static int FrameOf(string line) => int.Parse(line["frame ".Length..line.IndexOf(':')], System.Globalization.CultureInfo.InvariantCulture);
}

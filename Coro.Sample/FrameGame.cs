using System.Collections;
using System.Diagnostics;
using System.Globalization;

namespace Coro.Sample;

/// <summary>
/// The frame-driven mode (<c>--game</c>): a simulated 60 Hz host, a plain loop that calls
/// <see cref="EventLoop.RunOnce"/> once per frame as Unity's <c>Update</c> or Godot's
/// <c>_Process</c> would, drives a small game whose entities' behaviours are coroutines: walk over
/// N frames (one <c>yield return null</c> per frame), wait, fetch a reward as a <see cref="Task"/>,
/// react to it.
/// </summary>
internal sealed partial class FrameGame(TextWriter log)
{
    public const double FrameMilliseconds = 1000.0 / 60;

    /// <summary>What each entity did, in frame numbers: what a frame-by-frame test checks.</summary>
    public List<string> Events { get; } = [];

    /// <summary>The frame the host is on; entities read it as a game reads its frame counter.</summary>
    public int Frame { get; private set; }

    /// <summary>Runs the game to its end: pumps the loop once per frame (sleeping between frames
    /// when <paramref name="realTime"/>) until every entity is done; returns the frames it took.</summary>
    public int Play(bool realTime, int maxFrames = 10_000_000)
    {
        using var loop = new EventLoop();
        Future game = loop.Start(() => Future.All(
            Coroutine.Start(Walker("scout", steps: 3, waitFrames: 2)),
            Coroutine.Start(Walker("knight", steps: 5, waitFrames: 0))));
        var clock = Stopwatch.StartNew();
        while (!game.IsDone && Frame < maxFrames)
        {
            Frame++;
            loop.RunOnce();
            if (!realTime)
            {
                Thread.Yield(); // a host without pacing: let the pool thread of a fetch run
            }
            else
            {
                // The host's frame pacing, not Coro's: an engine's main loop does this.
                TimeSpan next = TimeSpan.FromMilliseconds(Frame * FrameMilliseconds) - clock.Elapsed;
                if (next > TimeSpan.Zero)
                {
                    Thread.Sleep(next);
                }
            }
        }

        if (game.IsFaulted)
        {
            _ = game.Exception; // observed: the caller sees the failure through the events
        }

        return Frame;
    }

    /// <summary>An entity: walk <paramref name="steps"/> frames, wait, fetch its reward, react.</summary>
    private IEnumerable Walker(string name, int steps, int waitFrames)
    {
        Record($"{name} starts");
        for (int step = 1; step <= steps; step++)
        {
            yield return null; // one frame
            Record($"{name} at {step}");
        }

        for (int i = 0; i < waitFrames; i++)
        {
            yield return null;
        }

        // Something that finishes off the main thread, as a web request or a file load would; the
        // coroutine resumes on a later frame, on the host's thread.
        Future<int> reward = Future.FromTask(Task.Run(() => name.Length * 10));
        yield return reward;
        Record($"{name} got {reward.Result.ToString(CultureInfo.InvariantCulture)}");
    }

    private void Record(string what)
    {
        string line = $"frame {Frame.ToString(CultureInfo.InvariantCulture)}: {what}";
        Events.Add(line);
        log.WriteLine(line);
    }
}

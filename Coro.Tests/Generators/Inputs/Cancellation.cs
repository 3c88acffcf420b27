using System;
using System.Collections.Generic;
using System.Threading;
using Coro;

namespace Demo.Cancel;

/// <summary>Coroutines that take a CancellationToken.</summary>
public partial class Worker
{
    /// <summary>What happened, in order.</summary>
    public List<string> Log { get; } = new();

    /// <summary>Waits a long time, unless cancelled.</summary>
    [Coroutine<int>]
    public partial IEnumerable<Future> Wait(TimeSpan delay, CancellationToken token)
    {
        Log.Add("started");
        try
        {
            yield return Coroutine.Sleep(delay);
            Log.Add("slept");
        }
        finally
        {
            Log.Add("finally");
        }

        yield return Coroutine.Return(1);
    }

    /// <summary>No result, optional token.</summary>
    [Coroutine]
    public static partial IEnumerable<Future> Tick(List<string> log, CancellationToken cancellationToken = default)
    {
        log.Add("tick");
        yield return Coroutine.Moment;
    }
}

public static class Scenario
{
    public static string Run()
    {
        // Cancelling the token while the coroutine waits cancels it, and its finally block runs.
        var worker = new Worker();
        using var cts = new CancellationTokenSource();
        Future<int>? running = null;
        string outcome = "";
        EventLoop.Run(() =>
        {
            running = worker.WaitAsync(TimeSpan.FromSeconds(30), cts.Token);
            EventLoop.Current!.CallLater(TimeSpan.FromMilliseconds(1), () => cts.Cancel());
            return running.Settled();
        }, TimeSpan.FromSeconds(10));
        outcome += running!.IsCanceled + "," + string.Join("/", worker.Log);

        // A token cancelled before the start: the body never runs.
        var early = new Worker();
        Future<int> never = early.WaitAsync(TimeSpan.Zero, new CancellationToken(canceled: true));
        outcome += " " + never.IsCanceled + "," + early.Log.Count;

        var log = new List<string>();
        EventLoop.Run(() => Worker.TickAsync(log));
        return outcome + " " + string.Join("/", log);
    }
}

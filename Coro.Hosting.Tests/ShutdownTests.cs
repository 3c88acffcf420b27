namespace Coro.Hosting.Tests;

/// <summary>
/// A hosted loop in a real process, stopped as a service manager stops one: these start
/// <see cref="HostScenarios"/> in a child process and read its console log.
/// </summary>
public sealed class ShutdownTests
{
    [Fact]
    public void SIGTERM_cancels_main_runs_every_finally_in_order_and_exits_0()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no SIGTERM to send
        }

        using var child = ChildHost.Start("suspended");
        child.WaitForLine(HostScenarios.Ready);

        child.Terminate();

        int exit = child.WaitForExit();
        Assert.True(exit == 0, $"exit code {exit}:\n{child.Output}");

        // Main's cancellation reaches the coroutine it waits on first, and that one's first: the
        // innermost finally runs first. The coroutine nobody waited for ends when the loop closes.
        string[] finallies = [.. child.Lines.Where(line => line.Contains("finally: ", StringComparison.Ordinal)).Select(line => line[line.IndexOf("finally: ", StringComparison.Ordinal)..])];
        Assert.Equal(["finally: inner", "finally: middle", "finally: main", "finally: detached"], finallies);
        Assert.Contains(child.Lines, line => line.Contains("Coro[7]", StringComparison.Ordinal)); // LoopStopped
        Assert.DoesNotContain(child.Lines, line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_main_stops_the_host_with_exit_code_1_and_logs_its_coroutine_chain()
    {
        using var child = ChildHost.Start("failing");

        int exit = child.WaitForExit();

        Assert.True(exit == 1, $"exit code {exit}:\n{child.Output}");
        string output = child.Output;
        int entry = output.IndexOf("crit: Coro[1]", StringComparison.Ordinal);
        Assert.True(entry >= 0, output);
        string logged = output[entry..];
        Assert.Contains("InvalidOperationException: the disk is full", logged);

        // The exception's text names every coroutine it passed through, innermost first.
        // (the body that threw by its own frame, the others by their generated frame methods).
        int inner = logged.IndexOf("Failing.Inner(", StringComparison.Ordinal);
        int middle = logged.IndexOf("Failing.Middle(", StringComparison.Ordinal);
        int outer = logged.IndexOf("Failing.Outer(", StringComparison.Ordinal);
        Assert.True(inner >= 0 && middle > inner && outer > middle, logged);
    }
}

using System.Runtime.InteropServices;
using System.Text.Json;

namespace Coro.Tool.Tests;

/// <summary>
/// <c>dotnet-coro pstree</c> on the running <see cref="TargetProgram"/>, whose loop's thread is
/// blocked in a step, and <c>dotnet-coro dump</c> on a dump of it made with the runtime's
/// <c>createdump</c>: the same tree as the program's own <c>DescribeCoroutines()</c>, each coroutine
/// at the line of its <c>yield return</c>, and the blocked step named with its line.
/// </summary>
[Collection(nameof(TargetCollection))]
public sealed class PstreeTests(TargetProcess target) : IDisposable
{
    private readonly string _dump = Path.Combine(Path.GetTempPath(), $"coro-tool-{Guid.NewGuid():N}.dmp");

    [Fact]
    public void Pstree_shows_the_tree_DescribeCoroutines_shows_while_the_loop_is_blocked()
    {
        (int exit, string output, string error) = ToolRun.Run("pstree", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(exit == 0, error);
        Assert.Equal(ToolRun.TreeShape(target.Described), ToolRun.TreeShape(WithoutLines(output)));
        Assert.Contains("(durations up to now)", output);
        Assert.Contains($"running a step of {target.BlockedCoroutine} at {Path.GetFileName(target.BlockedAt)}", output);
    }

    [Fact]
    public void Pstree_json_gives_each_coroutine_the_file_and_line_of_its_yield()
    {
        JsonElement report = ToolRun.Json("pstree", target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(report.GetProperty("isLive").GetBoolean());
        JsonElement loop = Assert.Single(report.GetProperty("loops").EnumerateArray());
        AssertLoop(loop, "now");
    }

    [Fact]
    public void Dump_of_the_blocked_process_shows_the_same_tree_up_to_the_loops_latest_turn()
    {
        MakeDump();

        (int exit, string output, string error) = ToolRun.Run("dump", _dump);
        JsonElement report = ToolRun.Json("dump", _dump);

        Assert.True(exit == 0, error);
        Assert.Equal(ToolRun.TreeShape(target.Described), ToolRun.TreeShape(WithoutLines(output)));
        Assert.Contains("(durations up to the loop's latest turn)", output);
        Assert.False(report.GetProperty("isLive").GetBoolean());
        AssertLoop(Assert.Single(report.GetProperty("loops").EnumerateArray()), "the loop's latest turn");
    }

    /// <summary>Given the target's PID, <c>ps</c> still finds it by what it has loaded, and reads no
    /// other process (the machine's other Coro processes, test runs among them, are left alone).</summary>
    [Fact]
    public void Ps_lists_the_process_with_its_loop_and_suspended_coroutines()
    {
        string pid = target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        JsonElement listed = Assert.Single(ToolRun.Json("ps", pid).EnumerateArray());
        (int exit, string output, string error) = ToolRun.Run("ps", pid);

        Assert.Equal(target.Id, listed.GetProperty("processId").GetInt32());
        JsonElement loop = Assert.Single(listed.GetProperty("loops").EnumerateArray());
        Assert.Equal(target.SuspendedCount, loop.GetProperty("suspended").GetInt32());
        Assert.Equal("runningStep", loop.GetProperty("activity").GetString());
        Assert.True(exit == 0, error);
        string line = Assert.Single(output.Split('\n'), line => line.StartsWith(pid + " ", StringComparison.Ordinal));
        Assert.Equal($"{pid} Coro.Tool.Tests thread 1 running a step, {target.SuspendedCount} suspended", string.Join(' ', line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    public void Dispose() => File.Delete(_dump);

    private void AssertLoop(JsonElement loop, string durationsUpTo)
    {
        Assert.Equal(durationsUpTo, loop.GetProperty("durationsUpTo").GetString());
        Assert.Equal("runningStep", loop.GetProperty("activity").GetString());
        JsonElement step = loop.GetProperty("runningStep");
        Assert.Equal(target.BlockedCoroutine, step.GetProperty("coroutine").GetString());
        Assert.Equal(target.BlockedAt, Place(step.GetProperty("location")));

        var coroutines = loop.GetProperty("coroutines").EnumerateArray().ToList();
        Assert.Equal(target.SuspendedCount, coroutines.Count);
        Assert.Equal(
            target.YieldLines.OrderBy(pair => pair.Key, StringComparer.Ordinal),
            coroutines.Select(coroutine => KeyValuePair.Create(coroutine.GetProperty("name").GetString()!, Place(coroutine.GetProperty("location")))).Distinct().OrderBy(pair => pair.Key, StringComparer.Ordinal));
        Assert.All(coroutines, coroutine => Assert.True(coroutine.GetProperty("suspendedFor").GetDouble() >= 0));
    }

    private static string Place(JsonElement location) =>
        $"{location.GetProperty("file").GetString()}:{location.GetProperty("line").GetInt32()}";

    /// <summary>The tool's lines without the <c> at File.cs:N</c> that DescribeCoroutines lacks.</summary>
    private static IEnumerable<string> WithoutLines(string output) =>
        output.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Contains(": waiting on ", StringComparison.Ordinal))
            .Select(line => line[..line.LastIndexOf(" at ", StringComparison.Ordinal)]);

    /// <summary>A dump of the target, by the <c>createdump</c> in the folder of the runtime running it
    /// (the same runtime as this test's).</summary>
    private void MakeDump()
    {
        string createdump = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "createdump");
        var start = new System.Diagnostics.ProcessStartInfo(createdump, [target.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", _dump])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0 && File.Exists(_dump), output);
    }
}

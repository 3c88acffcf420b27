using System.Diagnostics;

namespace Coro.Tool.Tests;

/// <summary>What dotnet-coro says when it cannot read a target: one line that names the cause and
/// what to do instead, exit code 1, never a stack trace.</summary>
public sealed class ErrorTests
{
    [Fact]
    public void A_process_that_does_not_exist_is_named()
    {
        using Process ended = Process.Start(new ProcessStartInfo("true"))!;
        ended.WaitForExit();

        (int exit, _, string error) = ToolRun.Run("pstree", ended.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, exit);
        Assert.Equal($"dotnet-coro: No process {ended.Id} is running.", error.Trim());
    }

    [Fact]
    public void A_process_that_is_not_dotnet_points_at_DescribeCoroutines()
    {
        using Process native = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        try
        {
            (int exit, _, string error) = ToolRun.Run("pstree", native.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(1, exit);
            Assert.Contains("is not a CoreCLR .NET process", error);
            Assert.Contains("NativeAOT", error);
            Assert.Contains("DescribeCoroutines()", error);
        }
        finally
        {
            native.Kill();
            native.WaitForExit();
        }
    }

    [Fact]
    public void A_dotnet_process_without_Coro_says_Coro_is_not_loaded() => WithProcessWithoutCoro(pid =>
    {
        (int exit, _, string error) = ToolRun.Run("pstree", pid);

        Assert.Equal(1, exit);
        Assert.Contains("Coro is not loaded", error);
        Assert.Equal(0, ToolRun.Json("ps", pid).GetArrayLength());
    });

    /// <summary>Run as root here, the tests drop to <c>nobody</c> to be refused.</summary>
    [Fact]
    public void No_right_to_attach_says_to_run_as_root_or_read_a_dump() => WithProcessWithoutCoro(pid =>
    {
        (int exit, _, string error) = ToolRun.RunAsNobody("pstree", pid);

        Assert.Equal(1, exit);
        Assert.StartsWith($"dotnet-coro: Cannot attach to process {pid}", error);
        Assert.Contains("as root", error);
        Assert.Contains($"dotnet-dump collect -p {pid}", error);
    });

    [Fact]
    public void A_file_that_is_not_a_dump_is_named()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "not a dump");

            (int exit, _, string error) = ToolRun.Run("dump", file);

            Assert.Equal(1, exit);
            Assert.StartsWith($"dotnet-coro: {file} is not a dump", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_wrong_command_line_prints_the_usage()
    {
        (int exit, _, string error) = ToolRun.Run("pstree", "not-a-number");

        Assert.Equal(2, exit);
        Assert.Contains("Usage: dotnet-coro", error);
    }

    /// <summary>Runs <paramref name="test"/> with the PID of a .NET process that has not loaded Coro.</summary>
    private static void WithProcessWithoutCoro(Action<string> test)
    {
        using Process process = TargetProcess.Start("--without-coro");
        try
        {
            Assert.Equal(TargetProgram.Ready, process.StandardOutput.ReadLine());
            test(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            process.Kill();
            process.WaitForExit();
        }
    }
}

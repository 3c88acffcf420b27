using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Coro.Tool.Tests;

/// <summary>
/// The tool as a user gets it: <c>dotnet pack</c> makes the Coro.Tool package, <c>dotnet tool
/// install --tool-path</c> installs it from a local folder feed (the package and what it depends
/// on, nothing else), and the installed <c>dotnet-coro pstree</c> reads the target.
/// </summary>
[Collection(nameof(TargetCollection))]
public sealed class ToolPackageTests(TargetProcess target) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("coro-tool-package-").FullName;

    [Fact]
    public void The_packed_tool_installs_from_a_folder_feed_and_its_pstree_reads_the_target()
    {
        string feed = Directory.CreateDirectory(Path.Combine(_work, "feed")).FullName;
        string tools = Path.Combine(_work, "tools");
        (int packed, string packOutput) = Dotnet($"pack {Path.Combine(RepositoryRoot(), "tools", "Coro.Tool")} -c Release -o {feed}");
        Assert.True(packed == 0, packOutput);
        CopyDependencies(feed);
        File.WriteAllText(Path.Combine(_work, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="coro" value="{feed}" />
              </packageSources>
            </configuration>
            """);

        // A packages folder of its own: the machine's would keep an older Coro.Tool of the same version.
        (int installed, string installOutput) = Run("dotnet", $"tool install --tool-path {tools} --configfile {Path.Combine(_work, "nuget.config")} Coro.Tool", Path.Combine(_work, "packages"));
        Assert.True(installed == 0, installOutput);
        (int exit, string output) = Run(Path.Combine(tools, "dotnet-coro"), $"pstree {target.Id}");

        Assert.True(exit == 0, output);
        Assert.Equal(ToolRun.TreeShape(target.Described).Count, ToolRun.TreeShape(output.Split('\n')).Count);
        Assert.Contains($"running a step of {target.BlockedCoroutine}", output);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    /// <summary>The packages the tool depends on, from its own restore, into the feed.</summary>
    private static void CopyDependencies(string feed) =>
        Coro.Tests.EndToEnd.RestoredPackages.CopyTo(Path.Combine(RepositoryRoot(), "tools", "Coro.Tool", "obj", "project.assets.json"), feed);

    private static (int Exit, string Output) Dotnet(string arguments) => Run("dotnet", arguments);

    private static (int Exit, string Output) Run(string program, string arguments, string? packages = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (packages is not null)
        {
            start.Environment["NUGET_PACKAGES"] = packages;
        }
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, ".."));
}

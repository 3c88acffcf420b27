using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Coro.Tests.EndToEnd;

/// <summary>The <c>dotnet</c> command, for the tests that pack, build and run strangers' projects.</summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> (in <paramref name="directory"/>, if
    /// given): its exit code, and its standard output followed by its standard error; -1 and
    /// "(timed out)" if it is still running after <paramref name="minutes"/>.</summary>
    public static (int Exit, string Output) Run(string arguments, string? directory = null, int minutes = 8)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(minutes)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out)");
        }

        return (process.ExitCode, output + error.Result);
    }

    /// <summary>The repository's root folder, found from this file's own path.</summary>
    public static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
}

using System.Diagnostics;
using System.Text.Json;

namespace Coro.Tool.Tests;

/// <summary>
/// dotnet-coro run as a program of its own (its build beside this assembly), as a user runs it.
/// Not in this process: the targets are this process's children, and a tracer that is also the
/// target's parent shares the target's <c>waitpid</c> notifications with .NET's own reaping of
/// child processes.
/// </summary>
internal static class ToolRun
{
    public static (int Exit, string Output, string Error) Run(params string[] args) => Start("dotnet", ["exec", ToolPath, .. args]);

    /// <summary>Runs the tool as the unprivileged user <c>nobody</c> (with <c>setpriv</c>), which
    /// may not trace this process's children, from a copy that user can read wherever the
    /// repository is.</summary>
    public static (int Exit, string Output, string Error) RunAsNobody(params string[] args) =>
        Start("setpriv", ["--reuid", "65534", "--regid", "65534", "--clear-groups", "env", "HOME=/tmp", "dotnet", "exec", Path.Combine(s_readableCopy.Value, "Coro.Tool.dll"), .. args], s_readableCopy.Value);

    private static readonly Lazy<string> s_readableCopy = new(CopyForEveryone);

    private static string ToolPath => Path.Combine(AppContext.BaseDirectory, "Coro.Tool.dll");

    /// <summary>The tool's assemblies and its two JSON files in a folder of /tmp every user may
    /// read, deleted when the test process ends.</summary>
    private static string CopyForEveryone()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("setpriv and Unix file modes: Linux only.");
        }

        DirectoryInfo copy = Directory.CreateTempSubdirectory("coro-tool-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => copy.Delete(recursive: true);
        copy.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        foreach (string file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "Coro.Tool.*.json")))
        {
            string target = Path.Combine(copy.FullName, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        return copy.FullName;
    }

    private static (int Exit, string Output, string Error) Start(string program, string[] arguments, string? directory = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Runs with <c>--json</c>, requires success, and parses the output.</summary>
    public static JsonElement Json(params string[] args)
    {
        (int exit, string output, string error) = Run([.. args, "--json"]);
        Assert.True(exit == 0, error);
        using JsonDocument document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>The coroutine lines of a tree (its own or <c>DescribeCoroutines</c>'): depth of
    /// indentation below the first, name and what it waits on, without durations or lines.</summary>
    public static List<string> TreeShape(IEnumerable<string> lines)
    {
        var coroutines = lines.Where(line => line.Contains(": waiting on ", StringComparison.Ordinal)).ToList();
        int baseIndent = coroutines.Count == 0 ? 0 : coroutines.Min(Indent);
        return [.. coroutines.Select(line =>
        {
            string text = line.Trim();
            string withoutDuration = text[..text.LastIndexOf(" for ", StringComparison.Ordinal)];
            return $"{new string(' ', Indent(line) - baseIndent)}{withoutDuration}";
        })];
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;
}

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
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "Coro.Tool.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", tool, .. args])
        {
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

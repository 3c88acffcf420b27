using Microsoft.Diagnostics.Runtime;

namespace Coro.Tool;

/// <summary>A .NET process with Coro loaded, as <c>dotnet-coro ps</c> lists it: its loops and how
/// many coroutines each has suspended, or why it could not be read.</summary>
internal sealed record ProcessSummary(int ProcessId, string Name, IReadOnlyList<LoopSummary> Loops, string? Error);

internal sealed record LoopSummary(int ManagedThreadId, LoopActivity Activity, int Suspended);

/// <summary>Finds the processes for <c>ps</c>: those whose mapped files include libcoreclr and
/// Coro.Runtime.dll (no attaching to find them), then reads each, pausing it while it is read.</summary>
internal static class ProcessList
{
    /// <summary>The processes with Coro loaded; only those of <paramref name="only"/> when it is not empty.</summary>
    public static IReadOnlyList<ProcessSummary> Find(IReadOnlyCollection<int> only)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new ToolException("'ps' reads /proc and works on Linux; elsewhere, give the process's ID to 'pstree'.");
        }

        var found = new List<ProcessSummary>();
        foreach (int processId in ProcessIds().Where(id => id != Environment.ProcessId && (only.Count == 0 || only.Contains(id))).Order())
        {
            string maps = ProcessMaps.Read(processId);
            if (ProcessMaps.HasCoreClr(maps) && ProcessMaps.HasCoro(maps))
            {
                found.Add(Summarize(processId));
            }
        }

        return found;
    }

    private static ProcessSummary Summarize(int processId)
    {
        string name = ProcessName(processId);
        try
        {
            using Target target = Target.Attach(processId);
            ProcessReport report = Cli.Read(target);
            return new ProcessSummary(processId, name, [.. report.Loops.Select(loop => new LoopSummary(loop.ManagedThreadId, loop.Activity, loop.Coroutines.Count))], null);
        }
        catch (ToolException e)
        {
            return new ProcessSummary(processId, name, [], e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ClrDiagnosticsException or IOException)
        {
            // One process that cannot be read (it exited, or changed under the reader) leaves the others listed.
            return new ProcessSummary(processId, name, [], $"could not be read ({e.Message.TrimEnd('.')})");
        }
    }

    private static IEnumerable<int> ProcessIds() =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, out int id) ? id : -1)
            .Where(id => id > 0);

    /// <summary>The program's name: the assembly a <c>dotnet app.dll</c> runs, else the executable's.</summary>
    private static string ProcessName(int processId)
    {
        try
        {
            string[] commandLine = File.ReadAllText($"/proc/{processId}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            string? assembly = commandLine.Skip(1).FirstOrDefault(arg => arg.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));
            return assembly is not null ? Path.GetFileNameWithoutExtension(assembly) : Path.GetFileName(commandLine.FirstOrDefault() ?? "?");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}

namespace Coro.Tool;

/// <summary>dotnet-coro's commands: <c>ps [&lt;pid&gt;...]</c>, <c>pstree &lt;pid&gt;</c>, <c>dump &lt;file&gt;</c>, each
/// with <c>--json</c>. Exit codes: 0 done, 1 the target could not be read (the message says why),
/// 2 a wrong command line.</summary>
internal static class Cli
{
    public const string Usage = """
        Usage: dotnet-coro <command> [--json]
          ps [<pid>...]     the .NET processes on this machine that have Coro loaded, with their loops
                            (each is paused for a moment to be read; give PIDs to read only those)
          pstree <pid>      the loops of a running process and the tree of its suspended coroutines
          dump <file>       the same from a dump (dotnet-dump collect, createdump)
          --json            the same data as JSON
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        bool json = args.Contains("--json");
        string[] words = [.. args.Where(arg => arg != "--json")];
        try
        {
            switch (words)
            {
                case ["ps", .. string[] pids] when pids.All(pid => int.TryParse(pid, out _)):
                    Write(ProcessList.Find([.. pids.Select(int.Parse)]), json, output);
                    return 0;
                case ["pstree", string pid] when int.TryParse(pid, out int processId):
                    using (Target target = Target.Attach(processId))
                    {
                        Write(Read(target), json, output);
                    }

                    return 0;
                case ["dump", string file]:
                    using (Target target = Target.Load(file))
                    {
                        Write(Read(target), json, output);
                    }

                    return 0;
                case [] or ["help" or "--help" or "-h"]:
                    output.WriteLine(Usage);
                    return words.Length == 0 ? 2 : 0;
                default:
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (ToolException e)
        {
            error.WriteLine($"dotnet-coro: {e.Message}");
            return 1;
        }
    }

    public static ProcessReport Read(Target target)
    {
        using var lines = new SourceLines();
        var loops = new LoopReader(target.Runtime, target.IsLive, lines).ReadLoops();
        return new ProcessReport(target.ProcessId, target.Source, target.IsLive, loops);
    }

    private static void Write(ProcessReport report, bool json, TextWriter output) =>
        output.Write(json ? JsonOutput.Write(report) : TextOutput.Write(report));

    private static void Write(IReadOnlyList<ProcessSummary> processes, bool json, TextWriter output) =>
        output.Write(json ? JsonOutput.Write(processes) : TextOutput.Write(processes));
}

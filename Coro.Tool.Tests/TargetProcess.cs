using System.Diagnostics;

namespace Coro.Tool.Tests;

/// <summary>
/// One running <see cref="TargetProgram"/> (this test assembly, started with <c>--target</c>) for
/// all the tests that read it, and what it wrote about itself: the line each coroutine yields at,
/// the line its blocked step stopped at, and its own <c>DescribeCoroutines()</c>.
/// </summary>
public sealed class TargetProcess : IDisposable
{
    private readonly Process _process;

    public TargetProcess()
    {
        _process = Start("--target");
        var yields = new Dictionary<string, string>();
        var describe = new List<string>();
        bool describing = false;
        while (_process.StandardOutput.ReadLine() is { } line && line != TargetProgram.Ready)
        {
            if (describing)
            {
                describing = line != TargetProgram.DescribeEnd;
                if (describing)
                {
                    describe.Add(line);
                }
            }
            else if (line == TargetProgram.DescribeStart)
            {
                describing = true;
            }
            else if (line.Split(' ') is ["yield", string method, string place])
            {
                yields[$"{nameof(TargetProgram)}.{method}"] = place;
            }
            else if (line.Split(' ') is ["blocked", string blocked, string blockedAt])
            {
                BlockedCoroutine = $"{nameof(TargetProgram)}.{blocked}";
                BlockedAt = blockedAt;
            }
        }

        if (_process.HasExited)
        {
            Assert.Fail("the target program ended before it was ready: " + _process.StandardError.ReadToEnd());
        }

        YieldLines = yields;
        Described = describe;
    }

    public int Id => _process.Id;

    /// <summary>Each coroutine's name and the <c>file:line</c> of the yield it is suspended at (the
    /// crowd's coroutines share one).</summary>
    public IReadOnlyDictionary<string, string> YieldLines { get; }

    /// <summary>The coroutine whose step blocks the loop, and the <c>file:line</c> where it blocks.</summary>
    public string BlockedCoroutine { get; } = "";

    public string BlockedAt { get; } = "";

    /// <summary>The loop's own <c>DescribeCoroutines()</c>, line by line, taken just before it blocked.</summary>
    public IReadOnlyList<string> Described { get; }

    /// <summary>How many coroutines the loop had suspended: the lines of <see cref="Described"/>
    /// after its heading.</summary>
    public int SuspendedCount => Described.Count - 1;

    /// <summary>Starts this test assembly as a program with <paramref name="mode"/>.</summary>
    public static Process Start(string mode)
    {
        string assembly = typeof(TargetProgram).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", ["exec", assembly, mode])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        return Process.Start(start)!;
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}

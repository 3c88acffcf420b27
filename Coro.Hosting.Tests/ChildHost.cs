using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Coro.Hosting.Tests;

/// <summary>
/// This assembly run as a program in a child process (<see cref="HostScenarios"/>), its stdout read
/// line by line. Waits are for lines and exits, with generous limits that only keep a broken run from
/// hanging; no test reads how long anything took.
/// </summary>
internal sealed class ChildHost : IDisposable
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _lines = [];

    private ChildHost(Process process) => _process = process;

    public static ChildHost Start(string scenario)
    {
        string assembly = typeof(ChildHost).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, scenario },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start };
        var child = new ChildHost(process);
        process.OutputDataReceived += (_, e) => child.Received(e.Data);
        process.ErrorDataReceived += (_, e) => child.Received(e.Data is null ? null : "stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Every line so far, stdout and stderr (prefixed) in the order they came.</summary>
    public string[] Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public string Output => string.Join('\n', Lines);

    /// <summary>Waits until a line equal to <paramref name="line"/> has been written.</summary>
    public void WaitForLine(string line)
    {
        lock (_lines)
        {
            var limit = Stopwatch.StartNew();
            while (!_lines.Contains(line))
            {
                TimeSpan left = s_patience - limit.Elapsed;
                Assert.True(left > TimeSpan.Zero && !_process.HasExited, $"the child never wrote \"{line}\":\n{string.Join('\n', _lines)}");
                Monitor.Wait(_lines, TimeSpan.FromMilliseconds(Math.Min(left.TotalMilliseconds, 500)));
            }
        }
    }

    /// <summary>Sends SIGTERM, as a service manager stops a service.</summary>
    public void Terminate()
    {
        Assert.Equal(0, Kill(_process.Id, 15));
    }

    /// <summary>Waits for the process to exit and its output to end; returns its exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(s_patience))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail("the child did not exit:\n" + Output);
        }

        _process.WaitForExit(); // and the redirected streams are drained
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
            Monitor.PulseAll(_lines);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

using System.ComponentModel;
using Microsoft.Diagnostics.Runtime;

namespace Coro.Tool;

/// <summary>
/// A target opened with ClrMD: a live process (suspended while it is read, then let go) or a dump,
/// with its CoreCLR runtime. Every way this fails is a <see cref="ToolException"/> that says what
/// to do instead.
/// </summary>
internal sealed class Target : IDisposable
{
    private const string NotReadable =
        "ClrMD reads CoreCLR processes only: a NativeAOT or Mono program cannot be read from outside; " +
        "call loop.DescribeCoroutines() (or loop.GetCoroutines()) in the program instead (docs/debugging.md).";

    private readonly DataTarget _dataTarget;

    private Target(DataTarget dataTarget, ClrRuntime runtime, int? processId, string source)
    {
        _dataTarget = dataTarget;
        Runtime = runtime;
        ProcessId = processId;
        Source = source;
    }

    public ClrRuntime Runtime { get; }

    public int? ProcessId { get; }

    public string Source { get; }

    public bool IsLive => ProcessId is not null;

    public static Target Attach(int processId)
    {
        if (OperatingSystem.IsLinux() ? !Directory.Exists($"/proc/{processId}") : !ProcessExists(processId))
        {
            throw new ToolException($"No process {processId} is running.");
        }

        DataTarget dataTarget;
        try
        {
            dataTarget = DataTarget.AttachToProcess(processId, suspend: true);
        }
        catch (ArgumentException) when (!ProcessExists(processId))
        {
            throw new ToolException($"No process {processId} is running."); // it ended in between
        }
        catch (Exception e) when (e is UnauthorizedAccessException or Win32Exception or InvalidOperationException or IOException)
        {
            throw new ToolException(
                $"Cannot attach to process {processId} ({e.Message.TrimEnd('.')}). Reading another process needs the right to trace it: " +
                "run dotnet-coro as root (sudo), or as the process's user where /proc/sys/kernel/yama/ptrace_scope is 0; " +
                $"or take a dump (dotnet-dump collect -p {processId}, or createdump {processId} from the runtime's folder) " +
                "and read it with 'dotnet-coro dump <file>'.");
        }

        return Open(dataTarget, processId, $"process {processId}", NotDotnetProcess(processId));
    }

    public static Target Load(string dumpPath)
    {
        if (!File.Exists(dumpPath))
        {
            throw new ToolException($"No dump file {dumpPath}.");
        }

        DataTarget dataTarget;
        try
        {
            dataTarget = DataTarget.LoadDump(dumpPath);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or BadImageFormatException)
        {
            throw new ToolException($"{dumpPath} is not a dump ClrMD can read ({e.Message.TrimEnd('.')}).");
        }

        return Open(dataTarget, null, dumpPath, $"The dump {dumpPath} holds no CoreCLR runtime: it is not of a .NET process, or of a NativeAOT or Mono one. " + NotReadable);
    }

    public void Dispose()
    {
        Runtime.Dispose();
        _dataTarget.Dispose(); // lets a live process go on
    }

    private static Target Open(DataTarget dataTarget, int? processId, string source, string noRuntime)
    {
        try
        {
            ClrInfo clr = dataTarget.ClrVersions.FirstOrDefault() ?? throw new ToolException(noRuntime);
            return new Target(dataTarget, CreateRuntime(clr, processId is not null), processId, source);
        }
        catch
        {
            dataTarget.Dispose();
            throw;
        }
    }

    /// <summary>
    /// ClrMD finds the runtime's data access library (DAC) by the runtime's version; where it reads
    /// the version as 0.0 (seen with .NET 10 on Linux) it finds none, so the one beside the target's
    /// libcoreclr is taken instead, which is the right one as long as that file is the target's own.
    /// </summary>
    private static ClrRuntime CreateRuntime(ClrInfo clr, bool live)
    {
        try
        {
            return clr.CreateRuntime();
        }
        catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or DllNotFoundException or ClrDiagnosticsException)
        {
            string runtimeFolder = Path.GetDirectoryName(clr.ModuleInfo.FileName) ?? "";
            string dac = Path.Combine(runtimeFolder, DacFileName);
            if (!File.Exists(dac))
            {
                throw new ToolException(live
                    ? $"The target's runtime has no {DacFileName} beside it in {runtimeFolder}; ClrMD needs it to read the process."
                    : $"This dump was made by the .NET runtime in {runtimeFolder} (version {RuntimeVersion(clr)}), which is not on this machine: " +
                      "read the dump where that runtime version is installed (or install it), or on the machine that made it.");
            }

            if (!live && !SameRuntimeFile(clr))
            {
                throw new ToolException(
                    $"This dump was made by another build of the .NET runtime than the one now in {runtimeFolder} (version {RuntimeVersion(clr)}): " +
                    "read it where the runtime that made it is installed, or on the machine that made it.");
            }

            return clr.CreateRuntime(dac, ignoreMismatch: true);
        }
    }

    /// <summary>Whether the libcoreclr the dump names is the file on this machine, by its ELF build
    /// ID (a dump carries the ID of each module it saw). Without IDs to compare, it is taken to be.</summary>
    private static bool SameRuntimeFile(ClrInfo clr)
    {
        if (!OperatingSystem.IsLinux() || clr.BuildId.IsDefaultOrEmpty)
        {
            return true;
        }

        byte[]? onDisk = ElfBuildId.Read(clr.ModuleInfo.FileName);
        return onDisk is null || onDisk.AsSpan().SequenceEqual(clr.BuildId.AsSpan());
    }

    private static string RuntimeVersion(ClrInfo clr) =>
        clr.Version.Major > 0 ? clr.Version.ToString() : Path.GetFileName(Path.GetDirectoryName(clr.ModuleInfo.FileName)) ?? "unknown";

    private static string DacFileName =>
        OperatingSystem.IsWindows() ? "mscordaccore.dll" : OperatingSystem.IsMacOS() ? "libmscordaccore.dylib" : "libmscordaccore.so";

    private static bool ProcessExists(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Why a live process has no CoreCLR runtime, from what it has mapped.</summary>
    private static string NotDotnetProcess(int processId)
    {
        string maps = ProcessMaps.Read(processId);
        if (maps.Contains("libmonosgen", StringComparison.Ordinal) || maps.Contains("libmono-", StringComparison.Ordinal))
        {
            return $"Process {processId} runs on Mono. " + NotReadable;
        }

        return $"Process {processId} is not a CoreCLR .NET process (a native program, or a .NET program compiled with NativeAOT). " + NotReadable;
    }
}

namespace Coro.Tool;

/// <summary>The files a Linux process has mapped (<c>/proc/PID/maps</c>): which runtime and which
/// assemblies it has loaded, without attaching to it.</summary>
internal static class ProcessMaps
{
    public static string Read(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/maps");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    public static bool HasCoreClr(string maps) => maps.Contains("/libcoreclr.so", StringComparison.Ordinal);

    public static bool HasCoro(string maps) => maps.Contains($"/{RuntimeLayout.CoroAssembly}.dll", StringComparison.Ordinal);
}

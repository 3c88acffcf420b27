namespace Coro.Hosting.Tests;

/// <summary>
/// The entry point when this assembly runs as a program (<c>dotnet Coro.Hosting.Tests.dll scenario</c>):
/// the shutdown tests start it in a child process, as a service is started, and signal it. Under
/// <c>dotnet test</c> it is never called.
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => HostScenarios.RunAsync(args);
}

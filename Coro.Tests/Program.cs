namespace Coro.Tests;

/// <summary>
/// The entry point when this assembly runs as a program: <c>dotnet Coro.Tests.dll simulation-hash SEED</c>
/// prints the trace hash of <see cref="Simulation.BusyProgram"/> under that seed, so that a test can
/// compare runs in two processes. Under <c>dotnet test</c> it is never called.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["simulation-hash", string seed])
        {
            EventLoop? loop = null;
            EventLoop.Run(
                () =>
                {
                    loop = EventLoop.Current;
                    return Simulation.BusyProgram.RunAsync();
                },
                new EventLoopOptions { Seed = int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture) });
            Console.WriteLine(loop!.Trace!.Hash);
            return 0;
        }

        Console.Error.WriteLine("usage: dotnet Coro.Tests.dll simulation-hash SEED");
        return 2;
    }
}

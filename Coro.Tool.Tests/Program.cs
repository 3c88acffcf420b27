namespace Coro.Tool.Tests;

/// <summary>The test assembly run as a program: <c>--target</c> is the process the tests read
/// (<see cref="TargetProgram"/>); <c>--without-coro</c> a .NET process that never loads Coro.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        switch (args)
        {
            case ["--target"]:
                return TargetProgram.Run();
            case ["--without-coro"]:
                Console.WriteLine(TargetProgram.Ready);
                Console.ReadLine();
                return 0;
            default:
                Console.Error.WriteLine("Coro.Tool.Tests is run by the test runner; as a program it takes --target or --without-coro.");
                return 2;
        }
    }
}

// The entry point of both hosts of the reach checks: the NativeAOT binary (NativeAot/) and the Mono
// exe that run-mono.sh compiles with mcs, which knows only older C#: keep this file to C# 7.
public static class Program
{
    public static int Main(string[] args)
    {
        return Reach.ReachChecks.Run(System.Console.Out, args);
    }
}

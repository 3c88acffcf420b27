using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Packs the one Coro package and builds brand-new consumer projects against it from a local
/// folder feed, with a packages folder of their own (nothing from the machine's caches).
/// </summary>
[Collection(nameof(PackageConsumerTests))]
[CollectionDefinition(nameof(PackageConsumerTests), DisableParallelization = true)]
public sealed class PackageConsumerTests : IDisposable
{
    private static readonly Lazy<string> s_feed = new(PackOnce);
    private readonly string _work = Directory.CreateTempSubdirectory("coro-consumer-").FullName;

    [Fact]
    public void A_consumer_gets_the_generated_wrapper_and_its_coroutine_runs()
    {
        string project = WriteConsumer("Runs", """
            using Coro;

            Console.WriteLine(EventLoop.Run(() => new Greeter().GreetAsync("package")));

            public partial class Greeter
            {
                [Coroutine<string>]
                public partial IEnumerable<Future> Greet(string name)
                {
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(10));
                    yield return Coroutine.Return($"hello from the {name}");
                }
            }
            """);

        (int exit, string output) = Dotnet($"run --project {project}");

        Assert.True(exit == 0, output);
        Assert.Contains("hello from the package", output);
    }

    [Fact]
    public void A_Coroutine_attribute_on_a_non_iterator_fails_the_consumer_build_with_CORO004()
    {
        string project = WriteConsumer("Fails", """
            using Coro;

            public partial class Broken
            {
                [Coroutine]
                public partial IEnumerable<Future> NotAnIterator();

                public partial IEnumerable<Future> NotAnIterator() => new List<Future>();
            }
            """);

        (int exit, string output) = Dotnet($"build {project}");

        Assert.NotEqual(0, exit);
        Assert.Contains("CORO004", output);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string WriteConsumer(string name, string program)
    {
        string directory = Path.Combine(_work, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        File.WriteAllText(Path.Combine(directory, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RestorePackagesPath>{Path.Combine(_work, "packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Coro" Version="{PackageVersion}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="coro" value="{s_feed.Value}" />
              </packageSources>
            </configuration>
            """);

        // Keep the repository's Directory.*.props out of the consumer: it is a stranger's project.
        File.WriteAllText(Path.Combine(_work, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(_work, "Directory.Packages.props"), "<Project />");
        return Path.Combine(directory, $"{name}.csproj");
    }

    private const string PackageVersion = "0.1.0";

    private static string PackOnce()
    {
        string feed = Directory.CreateTempSubdirectory("coro-feed-").FullName;
        (int exit, string output) = Dotnet($"pack {Path.Combine(RepositoryRoot(), "Coro.Runtime")} -c Release -o {feed}");
        Assert.True(exit == 0, output);
        return feed;
    }

    private static (int Exit, string Output) Dotnet(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output + "\n(timed out)");
        }

        return (process.ExitCode, output + error.Result);
    }

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", ".."));
}

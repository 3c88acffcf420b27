using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Packs the one Coro package and builds brand-new consumer projects against it from a local
/// folder feed, with a packages folder of their own (nothing from the machine's caches): net10.0
/// apps, and a netstandard2.1 library at C# 9 as Unity compiles one.
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

    [Fact]
    public void A_netstandard21_library_at_Unitys_CSharp_9_gets_wrappers_and_diagnostics_and_a_net10_app_runs_it()
    {
        // Unity's profile and language version: no generic attributes, no global usings.
        string library = WriteProject("Game", "netstandard2.1", """
            <LangVersion>9.0</LangVersion>
            <ImplicitUsings>disable</ImplicitUsings>
            """, $"""<PackageReference Include="Coro" Version="{PackageVersion}" />""", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using Coro;

            namespace Game
            {
                public partial class Enemy
                {
                    public int Frames { get; private set; }

                    [Coroutine(ResultType = "string")]
                    public partial IEnumerable<Future> Patrol(int steps)
                    {
                        for (int i = 0; i < steps; i++)
                        {
                            Frames++;
                            yield return null;                  // one loop turn
                        }

                        yield return Coroutine.Return("patrolled " + Frames + " frames");
                    }

                    [Coroutine]
                    public partial IEnumerable<Future> Freeze()
                    {
                        Thread.Sleep(1);
                        yield return null;
                    }
                }
            }
            """);
        string app = WriteProject("Host", "net10.0", "<OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings>", """<ProjectReference Include="../Game/Game.csproj" />""", """
            using Coro;

            Console.WriteLine(EventLoop.Run(() => new Game.Enemy().PatrolAsync(3)));
            """);

        (int buildExit, string build) = Dotnet($"build {app}");
        Assert.True(buildExit == 0, build);

        // The library was compiled against the netstandard2.1 build, and the analyzers ran on it.
        string assets = File.ReadAllText(Path.Combine(Path.GetDirectoryName(library)!, "obj", "project.assets.json"));
        Assert.Contains("lib/netstandard2.1/Coro.Runtime.dll", assets);
        Assert.Contains("CORO002", build);

        (int runExit, string run) = Dotnet($"run --no-build --project {app}");
        Assert.True(runExit == 0, run);
        Assert.Contains("patrolled 3 frames", run);
    }

    [Fact]
    public void The_package_carries_both_runtime_builds_and_Roslyn_components_built_against_4_3_1_and_Workspaces_4_5_0()
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(s_feed.Value, $"Coro.{PackageVersion}.nupkg"));
        var entries = package.Entries.Select(entry => entry.FullName).ToHashSet();

        Assert.Contains("lib/netstandard2.1/Coro.Runtime.dll", entries);
        Assert.Contains("lib/net10.0/Coro.Runtime.dll", entries);

        // Unity 6 loads generators and analyzers built against Microsoft.CodeAnalysis 4.3; the fixes
        // run only in IDEs, on the lowest Workspaces served.
        Assert.Equal("4.3.0.0", ReferencedVersion(package, "Coro.Generators.dll", "Microsoft.CodeAnalysis"));
        Assert.Equal("4.3.0.0", ReferencedVersion(package, "Coro.Generators.dll", "Microsoft.CodeAnalysis.CSharp"));
        Assert.Equal("4.3.0.0", ReferencedVersion(package, "Coro.Analyzers.dll", "Microsoft.CodeAnalysis"));
        Assert.Equal("4.3.0.0", ReferencedVersion(package, "Coro.Analyzers.dll", "Microsoft.CodeAnalysis.CSharp"));
        Assert.Equal("4.5.0.0", ReferencedVersion(package, "Coro.CodeFixes.dll", "Microsoft.CodeAnalysis.Workspaces"));
        Assert.Equal("4.5.0.0", ReferencedVersion(package, "Coro.CodeFixes.dll", "Microsoft.CodeAnalysis"));
    }

    /// <summary>The version of <paramref name="reference"/> that a Roslyn component in the package
    /// was compiled against, read from its metadata without loading it.</summary>
    private static string? ReferencedVersion(ZipArchive package, string component, string reference)
    {
        using var image = new MemoryStream();
        using (Stream entry = package.GetEntry($"analyzers/dotnet/cs/{component}")!.Open())
        {
            entry.CopyTo(image);
        }

        image.Position = 0;
        using var reader = new PEReader(image);
        MetadataReader metadata = reader.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Where(assembly => metadata.GetString(assembly.Name) == reference)
            .Select(assembly => assembly.Version.ToString())
            .SingleOrDefault();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string WriteConsumer(string name, string program) => WriteProject(
        name,
        "net10.0",
        """
        <OutputType>Exe</OutputType>
        <ImplicitUsings>enable</ImplicitUsings>
        """,
        $"""<PackageReference Include="Coro" Version="{PackageVersion}" />""",
        program);

    /// <summary>A project of a stranger's, in a folder of its own under the test's work folder,
    /// that restores from the packed feed only.</summary>
    private string WriteProject(string name, string framework, string properties, string items, string code)
    {
        string directory = Path.Combine(_work, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, $"{name}.cs"), code);
        File.WriteAllText(Path.Combine(directory, $"{name}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{framework}</TargetFramework>
                <Nullable>enable</Nullable>
                <RestorePackagesPath>{Path.Combine(_work, "packages")}</RestorePackagesPath>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                {items}
              </ItemGroup>
            </Project>
            """);

        // One nuget.config for every project under the work folder: the packed feed only.
        File.WriteAllText(Path.Combine(_work, "nuget.config"), $"""
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
        File.WriteAllText(Path.Combine(_work, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(_work, "Directory.Packages.props"), "<Project />");
        return Path.Combine(directory, $"{name}.csproj");
    }

    private const string PackageVersion = "0.1.0";

    private static string PackOnce()
    {
        string feed = Directory.CreateTempSubdirectory("coro-feed-").FullName;
        (int exit, string output) = Dotnet($"pack {Path.Combine(RepositoryRoot(), "Coro.Runtime")} -c Release -o {feed}");
        Assert.True(exit == 0, output);

        // A netstandard2.1 consumer needs the netstandard2.1 targeting pack, which the SDK does not
        // carry. Coro.Runtime's own build restored it; the feed gets that copy, so the consumers
        // still restore from this one folder.
        string assets = File.ReadAllText(Path.Combine(RepositoryRoot(), "Coro.Runtime", "obj", "project.assets.json"));
        string packages = JsonDocument.Parse(assets).RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        File.Copy(Path.Combine(packages, "netstandard.library.ref", "2.1.0", "netstandard.library.ref.2.1.0.nupkg"), Path.Combine(feed, "netstandard.library.ref.2.1.0.nupkg"));
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

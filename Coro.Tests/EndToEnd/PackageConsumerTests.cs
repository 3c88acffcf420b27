using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Xml.Linq;
using Coro.Tests.Analyzers;
using Microsoft.CodeAnalysis;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Packs the one Coro package and builds brand-new consumer projects against it from a local
/// folder feed, with a packages folder of their own (nothing from the machine's caches): net10.0
/// apps, and a netstandard2.1 library at C# 9 as Unity compiles one.
/// </summary>
[Collection(nameof(PackageConsumerTests))]
[CollectionDefinition(nameof(PackageConsumerTests), DisableParallelization = true)]
public sealed partial class PackageConsumerTests : IDisposable
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

    /// <summary>One wrong shape per file, and the reason CORO004 must give for it on <c>dotnet build</c>.</summary>
    private static readonly (string File, string Code, string Reason, bool KeepsCompilerError)[] s_wrongShapes =
    [
        ("NotAnIterator.cs", "public partial class A { [Coroutine] public partial IEnumerable<Future> M() => new List<Future>(); }",
            "must be an iterator", false),
        ("Async.cs", "public partial class B { [Coroutine] public async partial IAsyncEnumerable<Future> M() { await Task.Yield(); yield break; } }",
            "must not be async", false),
        ("MissingResultType.cs", "public partial class C { [Coroutine(ResultType = \"List<TMissing>\")] public partial IEnumerable<Future> M<T>() { yield break; } }",
            "does not name a type in the method's scope", false),
        ("TypeNotPartial.cs", "public class D { [Coroutine] public partial IEnumerable<Future> M() { yield break; } }",
            "must sit in partial types, and 'D' is not partial", true),
        ("OuterNotPartial.cs", "public class Outer { public partial class E { [Coroutine] public partial IEnumerable<Future> M() { yield break; } } }",
            "must sit in partial types, and 'Outer' is not partial", true),
        ("MethodNotPartial.cs", "public partial class F { [Coroutine] public IEnumerable<Future> M() { yield break; } }",
            "must be partial", false),
        ("WrongReturnType.cs", "public partial class G { [Coroutine] public partial List<Future> M() { yield break; } }",
            "must return IEnumerable", true),
        ("WrapperTaken.cs", "public partial class H { [Coroutine] public partial IEnumerable<Future> M() { yield break; } public int MAsync => 1; }",
            "cannot get its wrapper: 'H.MAsync' is already taken", false),
        ("TwoAttributes.cs", "public partial class I { [Coroutine, Coroutine<int>] public partial IEnumerable<Future> M() { yield break; } }",
            "carries more than one [Coroutine] attribute", false),
        ("FileLocal.cs", "file partial class J { [Coroutine] public partial IEnumerable<Future> M() { yield break; } }",
            "sits in the file-local type 'J'", true),
        ("LocalFunction.cs", "public partial class K { public void N() { [Coroutine] IEnumerable<Future> M() { yield break; } M(); } }",
            "is a local function", false),
        ("RefParameter.cs", "public partial class L { [Coroutine] public partial IEnumerable<Future> M(ref int x) { yield break; } }",
            "cannot take 'x' by reference", true),
        ("NoBody.cs", "public partial class N { [Coroutine] public partial IEnumerable<Future> M(); }",
            "has no implementing declaration", true),
        ("UnknownResult.cs", "public partial class O { [Coroutine<Missing>] public partial IEnumerable<Future> M() { yield break; } }",
            "has a result type that names no type", true),
    ];

    // Two consumers: the shapes the analyzer reports leave no compiler error (were there one anywhere,
    // the compiler would run no analyzer), the ones the generator reports keep one.
    [Theory]
    [InlineData("ByAnalyzer", false)]
    [InlineData("ByGenerator", true)]
    public void Every_CORO004_reason_shows_once_on_dotnet_build_of_a_consumer(string name, bool keepsCompilerError)
    {
        (string File, string Code, string Reason)[] shapes = s_wrongShapes.Where(s => s.KeepsCompilerError == keepsCompilerError).Select(s => (s.File, s.Code, s.Reason)).ToArray();
        string project = WriteConsumer(name, "System.Console.WriteLine();\n");
        string directory = Path.GetDirectoryName(project)!;
        foreach ((string file, string code, _) in shapes)
        {
            File.WriteAllText(Path.Combine(directory, file), "using Coro;\n" + code + "\n");
        }

        // The compiler's own log lists each diagnostic once, as it reported it (the console repeats them).
        string log = Path.Combine(directory, "diagnostics.sarif");
        (int exit, string output) = Dotnet($"build {project} -p:ErrorLog={log}%2Cversion=2.1");

        Assert.NotEqual(0, exit);
        using var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(log));
        var reported = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.GetProperty("ruleId").GetString() == "CORO004")
            .Select(r => (
                File: Path.GetFileName(r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()!),
                Message: r.GetProperty("message").GetProperty("text").GetString()!))
            .ToArray();
        foreach ((string file, _, string reason) in shapes)
        {
            int found = reported.Count(r => r.File == file && r.Message.Contains(reason, StringComparison.Ordinal));
            Assert.True(found == 1, $"{file}: expected one CORO004 saying \"{reason}\", got {found}\n{output}");
            Assert.Contains(file + "(", output.Split('\n').Where(line => line.Contains("error CORO004", StringComparison.Ordinal)).FirstOrDefault(line => line.Contains(file + "(", StringComparison.Ordinal)) ?? string.Empty);
        }

        // Nothing twice (an async body also has the wrong return type: two reasons, each once).
        Assert.Equal(reported.Distinct().Count(), reported.Length);
    }

    [Fact]
    public void A_netstandard21_library_at_Unitys_CSharp_9_gets_wrappers_and_diagnostics_and_a_net10_app_runs_it()
    {
        // Unity's profile and language version: no generic attributes, no global usings.
        // Pruning leaves out the packages netstandard2.1 already contains (System.Memory, ...), as
        // the SDK does for Coro.Runtime's own build, so the feed's copies of its dependencies suffice.
        string library = WriteProject("Game", "netstandard2.1", """
            <LangVersion>9.0</LangVersion>
            <RestoreEnablePackagePruning>true</RestoreEnablePackagePruning>
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

                    // An init accessor of the runtime, called from code compiled against its
                    // netstandard2.1 build and run on its net10.0 build.
                    public static string WaitAnHourInVirtualTime() =>
                        EventLoop.Run(() => new Enemy().WaitAnHourAsync(), new EventLoopOptions { VirtualTime = true });

                    // The loop's clock is a TimeProvider, which this build takes from
                    // Microsoft.Bcl.TimeProvider.dll: the net10.0 app must have it too.
                    [Coroutine(ResultType = "string")]
                    public partial IEnumerable<Future> WaitAnHour()
                    {
                        TimeProvider clock = EventLoop.Current!.TimeProvider;
                        DateTimeOffset start = clock.GetUtcNow();
                        yield return Coroutine.Sleep(TimeSpan.FromHours(1));
                        yield return Coroutine.Return((clock.GetUtcNow() - start).TotalHours + " hour went by");
                    }
                }
            }
            """);
        string app = WriteProject("Host", "net10.0", "<OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings>", """<ProjectReference Include="../Game/Game.csproj" />""", """
            using Coro;

            Console.WriteLine(EventLoop.Run(() => new Game.Enemy().PatrolAsync(3)));
            Console.WriteLine(Game.Enemy.WaitAnHourInVirtualTime());
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
        Assert.Contains("1 hour went by", run); // no MissingMethodException for the init accessor, no missing TimeProvider assembly
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

    [Fact]
    public void The_package_names_its_repository_and_every_help_link_points_into_it()
    {
        using ZipArchive package = ZipFile.OpenRead(Path.Combine(s_feed.Value, $"Coro.{PackageVersion}.nupkg"));
        XDocument nuspec;
        using (Stream stream = package.GetEntry("Coro.nuspec")!.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        string? repository = nuspec.Descendants().SingleOrDefault(e => e.Name.LocalName == "repository")?.Attribute("url")?.Value;
        string? project = nuspec.Descendants().SingleOrDefault(e => e.Name.LocalName == "projectUrl")?.Value;
        Assert.False(string.IsNullOrEmpty(repository), "the package declares no repository:\n" + nuspec);
        Assert.Equal(repository, project);

        DiagnosticDescriptor[] descriptors = [.. AnalyzerHarness.All.SelectMany(a => a.SupportedDiagnostics)];
        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, d => Assert.StartsWith(repository + "/blob/main/docs/diagnostics/" + d.Id + ".md", d.HelpLinkUri));
    }

    private static string PackOnce()
    {
        string feed = Directory.CreateTempSubdirectory("coro-feed-").FullName;
        (int exit, string output) = Dotnet($"pack {Path.Combine(RepositoryRoot(), "Coro.Runtime")} -c Release -o {feed}");
        Assert.True(exit == 0, output);
        PackHosting(feed); // HostingPackageConsumerTests.cs

        // A netstandard2.1 consumer needs the netstandard2.1 targeting pack, which the SDK does not
        // carry, and the packages Coro's netstandard2.1 build depends on (TimeProvider and Meter
        // come from packages there). Coro.Runtime's own build restored them all; the feed gets those
        // copies, so the consumers still restore from this one folder.
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "Coro.Runtime", "obj", "project.assets.json")));
        string packages = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        File.Copy(Path.Combine(packages, "netstandard.library.ref", "2.1.0", "netstandard.library.ref.2.1.0.nupkg"), Path.Combine(feed, "netstandard.library.ref.2.1.0.nupkg"));
        foreach (JsonProperty library in assets.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() == "package")
            {
                string path = library.Value.GetProperty("path").GetString()!;
                string nupkg = path.Replace('/', '.') + ".nupkg";
                File.Copy(Path.Combine(packages, path, nupkg), Path.Combine(feed, nupkg), overwrite: true);
            }
        }

        return feed;
    }

    private static (int Exit, string Output) Dotnet(string arguments) => DotnetCli.Run(arguments, minutes: 4);

    private static string RepositoryRoot() => DotnetCli.RepositoryRoot();
}

using System.Xml.Linq;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Coro.Hosting from the same packed feed: a netstandard2.1 library that references only Coro.Hosting
/// (and so gets Coro, with its generator, through it) and a .NET 10 host that runs its loop.
/// </summary>
public sealed partial class PackageConsumerTests
{
    [Fact]
    public void A_consumer_of_Coro_Hosting_builds_for_both_frameworks_without_a_warning_and_its_hosted_loop_runs()
    {
        WriteProject("Service", "netstandard2.1", """
            <LangVersion>9.0</LangVersion>
            <RestoreEnablePackagePruning>true</RestoreEnablePackagePruning>
            <ImplicitUsings>disable</ImplicitUsings>
            """, $"""<PackageReference Include="Coro.Hosting" Version="{PackageVersion}" />""", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using Coro;
            using Microsoft.Extensions.DependencyInjection;

            namespace Service
            {
                public static class Setup
                {
                    public static IServiceCollection AddGreeter(this IServiceCollection services) =>
                        services.AddCoroutineLoop((provider, stopping) => new Greeter().GreetAsync(stopping));
                }

                public partial class Greeter
                {
                    [Coroutine]
                    public partial IEnumerable<Future> Greet(CancellationToken stopping)
                    {
                        yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(1));
                        Console.WriteLine("hello from the hosted loop, stopping: " + stopping.IsCancellationRequested);
                    }
                }
            }
            """);
        string app = WriteProject(
            "HostedApp",
            "net10.0",
            "<OutputType>Exe</OutputType><ImplicitUsings>enable</ImplicitUsings>",
            $"""
            <ProjectReference Include="../Service/Service.csproj" />
            <PackageReference Include="Coro.Hosting" Version="{PackageVersion}" />
            <PackageReference Include="Microsoft.Extensions.Hosting" Version="{HostingVersion()}" />
            """,
            """
            using Microsoft.Extensions.Hosting;
            using Service;

            HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddGreeter();
            await builder.Build().RunAsync();
            """);

        (int buildExit, string build) = Dotnet($"build {app} -warnaserror");
        Assert.True(buildExit == 0, build);
        Assert.DoesNotContain(": warning ", build, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(" 0 Warning(s)", build);

        // The main coroutine completes, so the host stops by itself.
        (int runExit, string run) = Dotnet($"run --no-build --project {app}");
        Assert.True(runExit == 0, run);
        Assert.Contains("hello from the hosted loop, stopping: False", run);
        Assert.Contains("The main coroutine completed; the host stops.", run);
    }

    [Fact]
    public void The_packages_carry_their_symbols_documentation_and_readme()
    {
        foreach (string id in new[] { "Coro", "Coro.Hosting" })
        {
            Assert.True(File.Exists(Path.Combine(s_feed.Value, $"{id}.{PackageVersion}.snupkg")), $"no {id}.{PackageVersion}.snupkg");
            using var package = System.IO.Compression.ZipFile.OpenRead(Path.Combine(s_feed.Value, $"{id}.{PackageVersion}.nupkg"));
            var entries = package.Entries.Select(entry => entry.FullName).ToHashSet();
            string assembly = id == "Coro" ? "Coro.Runtime" : id;
            Assert.Contains("README.md", entries);
            Assert.Contains($"lib/net10.0/{assembly}.xml", entries);
            Assert.Contains($"lib/netstandard2.1/{assembly}.xml", entries);
        }
    }

    /// <summary>
    /// Packs Coro.Hosting into <paramref name="feed"/>, with the packages that its builds and the
    /// hosted sample's (a .NET 10 host: Microsoft.Extensions.Hosting) restored, so the consumers still
    /// restore from the one folder. Pack runs package validation: both builds expose the same API.
    /// </summary>
    private static void PackHosting(string feed)
    {
        (int exit, string output) = Dotnet($"pack {Path.Combine(RepositoryRoot(), "Coro.Hosting")} -c Release -o {feed}");
        Assert.True(exit == 0, output);
        CopyRestoredPackages("Coro.Hosting", feed);
        CopyRestoredPackages("Coro.Sample.Hosted", feed);
    }

    private static void CopyRestoredPackages(string project, string feed)
    {
        string assetsFile = Path.Combine(RepositoryRoot(), project, "obj", "project.assets.json");
        if (!File.Exists(assetsFile))
        {
            (int exit, string output) = Dotnet($"restore {Path.Combine(RepositoryRoot(), project)}");
            Assert.True(exit == 0, output);
        }

        RestoredPackages.CopyTo(assetsFile, feed);
    }

    /// <summary>The Microsoft.Extensions.Hosting the repository's hosted sample uses (Directory.Packages.props).</summary>
    private static string HostingVersion() =>
        XDocument.Load(Path.Combine(RepositoryRoot(), "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "Microsoft.Extensions.Hosting").Attribute("Version")!.Value;
}

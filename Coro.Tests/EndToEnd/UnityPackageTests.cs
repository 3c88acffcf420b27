using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// Builds the Unity package with the one command docs/hosts.md gives and checks its layout against
/// the rules of Unity's manual, each test citing the page its rule comes from (Unity itself cannot run
/// here). "Manual/x.html" is https://docs.unity3d.com/6000.0/Documentation/Manual/x.html, Unity 6.0's.
/// In PackageConsumerTests' collection: both build Coro.Runtime in Release, never at once.
/// </summary>
[Collection(nameof(PackageConsumerTests))]
public sealed partial class UnityPackageTests
{
    /// <summary>The documented command, run from the repository's root.</summary>
    private const string Command = "run --project tools/Coro.UnityPackage -c Release";

    private static readonly Lazy<UnityPackage> s_package = new(BuildOnce);

    // What a Unity 6 project already has. A DLL of the package with one of these names stops the build:
    // "Multiple precompiled assemblies with the same name ... included on the current platform".

    /// <summary>
    /// The assemblies of .NET Standard 2.1, the profile Unity 6 compiles and runs scripts against
    /// (ScriptReference/ApiCompatibilityLevel.NET_Standard.html, "Profile that targets .NET Standard 2.1"):
    /// netstandard.dll and its facades, as NETStandard.Library.Ref 2.1.0 lists them in ref/netstandard2.1.
    /// Unity ships them (System.Memory.dll among them, which packages that carried their own copy collided
    /// with from Unity 2021.2 on: https://github.com/SolidAlloy/ClassTypeReference-for-Unity/issues/31).
    /// </summary>
    private static readonly string[] s_netStandard21 = """
        netstandard mscorlib System System.Core Microsoft.Win32.Primitives System.AppContext System.Buffers
        System.Collections System.Collections.Concurrent System.Collections.NonGeneric System.Collections.Specialized
        System.ComponentModel System.ComponentModel.Composition System.ComponentModel.EventBasedAsync
        System.ComponentModel.Primitives System.ComponentModel.TypeConverter System.Console System.Data System.Data.Common
        System.Diagnostics.Contracts System.Diagnostics.Debug System.Diagnostics.FileVersionInfo System.Diagnostics.Process
        System.Diagnostics.StackTrace System.Diagnostics.TextWriterTraceListener System.Diagnostics.Tools
        System.Diagnostics.TraceSource System.Diagnostics.Tracing System.Drawing System.Drawing.Primitives
        System.Dynamic.Runtime System.Globalization System.Globalization.Calendars System.Globalization.Extensions
        System.IO System.IO.Compression System.IO.Compression.FileSystem System.IO.Compression.ZipFile System.IO.FileSystem
        System.IO.FileSystem.DriveInfo System.IO.FileSystem.Primitives System.IO.FileSystem.Watcher System.IO.IsolatedStorage
        System.IO.MemoryMappedFiles System.IO.Pipes System.IO.UnmanagedMemoryStream System.Linq System.Linq.Expressions
        System.Linq.Parallel System.Linq.Queryable System.Memory System.Net System.Net.Http System.Net.NameResolution
        System.Net.NetworkInformation System.Net.Ping System.Net.Primitives System.Net.Requests System.Net.Security
        System.Net.Sockets System.Net.WebHeaderCollection System.Net.WebSockets System.Net.WebSockets.Client System.Numerics
        System.Numerics.Vectors System.ObjectModel System.Reflection System.Reflection.DispatchProxy System.Reflection.Emit
        System.Reflection.Emit.ILGeneration System.Reflection.Emit.Lightweight System.Reflection.Extensions
        System.Reflection.Primitives System.Resources.Reader System.Resources.ResourceManager System.Resources.Writer
        System.Runtime System.Runtime.CompilerServices.VisualC System.Runtime.Extensions System.Runtime.Handles
        System.Runtime.InteropServices System.Runtime.InteropServices.RuntimeInformation System.Runtime.Numerics
        System.Runtime.Serialization System.Runtime.Serialization.Formatters System.Runtime.Serialization.Json
        System.Runtime.Serialization.Primitives System.Runtime.Serialization.Xml System.Security.Claims
        System.Security.Cryptography.Algorithms System.Security.Cryptography.Csp System.Security.Cryptography.Encoding
        System.Security.Cryptography.Primitives System.Security.Cryptography.X509Certificates System.Security.Principal
        System.Security.SecureString System.ServiceModel.Web System.Text.Encoding System.Text.Encoding.Extensions
        System.Text.RegularExpressions System.Threading System.Threading.Overlapped System.Threading.Tasks
        System.Threading.Tasks.Extensions System.Threading.Tasks.Parallel System.Threading.Thread System.Threading.ThreadPool
        System.Threading.Timer System.Transactions System.ValueTuple System.Web System.Windows System.Xml System.Xml.Linq
        System.Xml.ReaderWriter System.Xml.Serialization System.Xml.XDocument System.Xml.XmlDocument
        System.Xml.XmlSerializer System.Xml.XPath System.Xml.XPath.XDocument
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// DLLs of Unity's own packages that most Unity 6 projects have (com.unity.nuget.newtonsoft-json and
    /// com.unity.nuget.mono-cecil, which other Unity packages depend on), and the engine's own prefixes.
    /// </summary>
    private static readonly string[] s_unityPackages = ["Newtonsoft.Json", "Mono.Cecil"];

    private static readonly string[] s_unityPrefixes = ["UnityEngine", "UnityEditor", "Unity."];

    /// <summary>
    /// Assemblies Unity ships from 6000.5 on, in Editor/Data/BCLExtensions at version 8.0.0.0; 6000.0 to
    /// 6000.4 have none of them (measured across 21 editors: https://github.com/Ambiguous-Interactive/unity-helpers/issues/331;
    /// Unity 6.5's System.Text.Json 8.0: https://github.com/IvanMurzak/Unity-MCP/issues/625). The package may
    /// carry one only with a define constraint that leaves it out from 6000.5 on.
    /// </summary>
    private static readonly string[] s_unity6000_5 = ["Microsoft.Bcl.AsyncInterfaces", "System.Text.Json", "System.Text.Encodings.Web"];

    private const string NotFrom6000_5 = "!UNITY_6000_5_OR_NEWER";

    [Fact]
    public void Package_json_names_the_package_as_Unity_requires_and_carries_the_repositorys_one_version()
    {
        UnityPackage package = s_package.Value;

        // Package layout (Manual/cus-layout.html): package.json at the root, beside README.md,
        // CHANGELOG.md and LICENSE.md.
        Assert.All(["package.json", "README.md", "CHANGELOG.md", "LICENSE.md"], file => Assert.True(package.Files.ContainsKey(file), $"no {file} at the package's root"));

        using JsonDocument manifest = JsonDocument.Parse(package.Files["package.json"]);
        JsonElement root = manifest.RootElement;

        // Package manifest file (Manual/upm-manifestPkg.html): name and version are required;
        // displayName, description and unity are recommended.
        string name = root.GetProperty("name").GetString()!;
        string version = root.GetProperty("version").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("displayName").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("description").GetString()));

        // Name your package (Manual/cus-naming.html): reverse domain notation (<extension>.<company>.),
        // only lowercase letters, digits, '-', '_' and '.', not com.unity nor "unity" anywhere, at most
        // 214 characters (50 recommended).
        Assert.Matches(PackageName(), name);
        Assert.DoesNotContain("unity", name, StringComparison.Ordinal);
        Assert.InRange(name.Length, 1, 50);

        // The version is Semantic Versioning (the manifest page; https://semver.org's regular expression),
        // and it is the repository's one Version (Directory.Build.props).
        Assert.Matches(SemanticVersion(), version);
        Assert.Equal(package.RepositoryVersion, version);

        // "unity" is <MAJOR>.<MINOR> of the oldest editor: Unity 6, whose compiler runs Roslyn 4.3 generators.
        Assert.Equal("6000.0", root.GetProperty("unity").GetString());

        // The tarball is named as npm and Unity's Client.Pack name one, and its changelog has this version.
        Assert.Equal($"{name}-{version}.tgz", Path.GetFileName(package.Tarball));
        Assert.Contains($"## [{version}]", package.Text("CHANGELOG.md"), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_file_and_folder_has_a_meta_with_a_unique_guid_that_a_rebuild_keeps()
    {
        UnityPackage package = s_package.Value;

        // Asset metadata (Manual/AssetMetadata.html): Unity keeps a .meta beside every asset and folder,
        // with the GUID by which everything refers to it. An installed package is immutable, so Unity
        // cannot write a missing one: it logs "has no meta file, but it's in an immutable folder" and
        // ignores the asset.
        string[] assets = [.. package.Files.Keys.Where(path => !path.EndsWith(".meta", StringComparison.Ordinal))];
        string[] folders = [.. assets.SelectMany(Folders).Distinct(StringComparer.Ordinal)];
        Assert.All(assets.Concat(folders), asset => Assert.True(package.Files.ContainsKey(asset + ".meta"), $"{asset} has no .meta"));

        string[] metas = [.. package.Files.Keys.Where(path => path.EndsWith(".meta", StringComparison.Ordinal))];
        Assert.All(metas, meta => Assert.True(assets.Contains(meta[..^5]) || folders.Contains(meta[..^5]), $"{meta} belongs to nothing"));

        var guids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string meta in metas)
        {
            string text = package.Text(meta);
            Assert.StartsWith("fileFormatVersion: 2\n", text, StringComparison.Ordinal);
            string guid = MetaGuid().Match(text).Groups[1].Value;
            Assert.True(guid.Length == 32, $"{meta} has no 32-hex-digit guid:\n{text}");
            Assert.True(guids.TryAdd(guid, meta), $"{meta} and {guids.GetValueOrDefault(guid)} share the guid {guid}");

            // The GUID is made from the package's name and the asset's path alone (tools/Coro.UnityPackage,
            // UnityMeta.Guid), so a rebuild, or the next version, gives every asset the GUID it had.
            string asset = meta[..^5];
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"com.coro.coroutines/{asset}")).AsSpan(0, 16)), guid);
            Assert.Equal(folders.Contains(asset), text.Contains("\nfolderAsset: yes\n", StringComparison.Ordinal));
        }

        // Install a package from a local tarball (Manual/upm-ui-tarball.html) takes npm's format: every
        // entry under package/. npm's fixed timestamp on every entry keeps a rebuild byte-identical.
        Assert.All(package.Entries, entry =>
        {
            Assert.StartsWith("package/", entry.Name, StringComparison.Ordinal);
            Assert.Equal(new DateTimeOffset(1985, 10, 26, 8, 15, 0, TimeSpan.Zero), entry.ModificationTime);
        });
    }

    [Fact]
    public void The_generator_and_analyzers_are_RoslynAnalyzer_plugins_on_no_platform_below_an_auto_referenced_asmdef()
    {
        UnityPackage package = s_package.Value;
        string[] analyzers = [.. package.Dlls.Where(dll => package.Text(dll + ".meta").Contains("\n- RoslynAnalyzer\n", StringComparison.Ordinal))];
        Assert.Equal(["Coro.Analyzers.dll", "Coro.Generators.dll"], analyzers.Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // Unity runs no code fixes, and Coro.CodeFixes needs Roslyn's Workspaces, which Unity lacks.
        Assert.DoesNotContain(package.Dlls, dll => Path.GetFileName(dll) == "Coro.CodeFixes.dll");
        Assert.All(package.Dlls, dll => Assert.DoesNotContain("Microsoft.CodeAnalysis.Workspaces", package.References(dll).Keys));

        foreach (string analyzer in analyzers)
        {
            // Install and use an existing analyzer or source generator (Manual/install-existing-analyzer.html)
            // and Create and use a source generator (Manual/create-source-generator.html): the RoslynAnalyzer
            // label, "Any Platform" off, and no platform included, the Editor neither.
            string meta = package.Text(analyzer + ".meta");
            Assert.Contains("\nlabels:\n- RoslynAnalyzer\n", meta, StringComparison.Ordinal);
            Assert.Contains("\nPluginImporter:\n", meta, StringComparison.Ordinal);
            Assert.Equal(0, PlatformEnabled(meta, ": Any"));
            Assert.Equal(0, PlatformEnabled(meta, "Editor: Editor"));
            Assert.DoesNotContain("enabled: 1", meta, StringComparison.Ordinal);

            // Analyzer scope (Manual/analyzer-scope-and-diagnostics.html): an analyzer in a folder with an
            // assembly definition, or below one, applies to that assembly and to every assembly that
            // references it. The one above the analyzers is auto-referenced, so Assembly-CSharp (scripts in
            // Assets) references it, and it has a script, without which Unity builds no assembly for it.
            string asmdef = AsmdefAbove(package, analyzer)
                ?? throw new InvalidOperationException($"{analyzer} sits in no assembly definition's folder: Unity would scope it to nothing the user writes");
            using JsonDocument definition = JsonDocument.Parse(package.Files[asmdef]);
            Assert.True(definition.RootElement.GetProperty("autoReferenced").GetBoolean(), $"{asmdef} is not auto-referenced");
            string folder = Path.GetDirectoryName(asmdef)!.Replace('\\', '/');
            Assert.Contains(package.Files.Keys, path => path.EndsWith(".cs", StringComparison.Ordinal) && Path.GetDirectoryName(path)!.Replace('\\', '/') == folder);
        }
    }

    [Fact]
    public void The_generator_and_analyzers_reference_Microsoft_CodeAnalysis_4_3_at_most()
    {
        UnityPackage package = s_package.Value;

        // Create and use a source generator (Manual/create-source-generator.html): a source generator (and
        // so an analyzer) must be built for .NET Standard 2.0 against Microsoft.CodeAnalysis.CSharp 4.3 to
        // load in Unity 6's compiler.
        foreach (string analyzer in package.Dlls.Where(dll => package.Text(dll + ".meta").Contains("- RoslynAnalyzer", StringComparison.Ordinal)))
        {
            Dictionary<string, Version> references = package.References(analyzer);
            Assert.Equal(new Version(2, 0, 0, 0), references["netstandard"]);
            KeyValuePair<string, Version>[] roslyn = [.. references.Where(r => r.Key.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))];
            Assert.Contains(roslyn, r => r.Key == "Microsoft.CodeAnalysis");
            Assert.All(roslyn, r => Assert.True(r.Value < new Version(4, 4), $"{analyzer} references {r.Key} {r.Value}, newer than Unity 6's 4.3"));
        }
    }

    [Fact]
    public void The_runtime_and_its_dependencies_load_on_every_platform_and_the_Editor()
    {
        UnityPackage package = s_package.Value;

        // Plugin Inspector (Manual/PluginInspector.html): "Any Platform" includes every platform and the
        // Editor; Auto Reference (isExplicitlyReferenced 0) lets scripts use the plugin without naming it.
        foreach (string dll in package.RuntimeDlls)
        {
            string meta = package.Text(dll + ".meta");
            Assert.Contains("\nPluginImporter:\n", meta, StringComparison.Ordinal);
            Assert.Equal(1, PlatformEnabled(meta, ": Any"));
            Assert.Contains("Exclude Editor: 0", meta, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"Exclude \w+: 1", meta);
            Assert.Contains("isExplicitlyReferenced: 0", meta, StringComparison.Ordinal);
        }

        // The documentation beside the DLL, where IDEs look for it.
        Assert.Contains("Runtime/Coro.Runtime.xml", package.Files.Keys);
    }

    [Fact]
    public void The_runtime_targets_netstandard21_and_each_of_its_references_is_in_the_package_or_in_Unity()
    {
        UnityPackage package = s_package.Value;
        string runtime = Assert.Single(package.RuntimeDlls, dll => Path.GetFileName(dll) == "Coro.Runtime.dll");
        Assert.Equal(".NETStandard,Version=v2.1", package.TargetFramework(runtime));

        // What a Unity 6 project compiles against and loads: .NET Standard 2.1 with its facades, this
        // package's DLLs, and what 6000.5 adds for the DLLs the package leaves out there.
        var inPackage = package.RuntimeDlls.Select(package.AssemblyName).ToHashSet(StringComparer.Ordinal);
        foreach (string dll in package.RuntimeDlls)
        {
            // A .NET Standard build references netstandard (a .NET Framework one mscorlib, a .NET one
            // System.Runtime); System.Runtime.CompilerServices.Unsafe, written in IL, names no target framework.
            Assert.Contains("netstandard", package.References(dll).Keys);
            Assert.StartsWith(".NETStandard,Version=v2.", package.TargetFramework(dll) ?? ".NETStandard,Version=v2.", StringComparison.Ordinal);
            foreach (string reference in package.References(dll).Keys)
            {
                Assert.True(
                    inPackage.Contains(reference) || s_netStandard21.Contains(reference),
                    $"{dll} references {reference}, which neither the package nor Unity 6's .NET Standard 2.1 has: ship it, or cite where Unity 6 provides it");
            }
        }
    }

    [Fact]
    public void No_DLL_has_the_name_of_an_assembly_Unity_6_ships_unless_a_define_constraint_leaves_it_out_there()
    {
        UnityPackage package = s_package.Value;
        string[] names = [.. package.Dlls.Select(package.AssemblyName)];
        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());

        foreach (string dll in package.Dlls)
        {
            // "Multiple precompiled assemblies with the same name": Unity allows one per platform.
            string name = package.AssemblyName(dll);
            Assert.DoesNotContain(name, s_netStandard21);
            Assert.DoesNotContain(name, s_unityPackages);
            Assert.DoesNotContain(s_unityPrefixes, prefix => name.StartsWith(prefix, StringComparison.Ordinal));
            if (s_unity6000_5.Contains(name))
            {
                // Plugin Inspector, Define Constraints: the plugin is used only where every constraint holds.
                Assert.Contains($"defineConstraints:\n  - '{NotFrom6000_5}'\n", package.Text(dll + ".meta"), StringComparison.Ordinal);
            }
        }

        // The assembly definition's own assembly clashes with none of them either.
        foreach (string asmdef in package.Files.Keys.Where(path => path.EndsWith(".asmdef", StringComparison.Ordinal)))
        {
            using JsonDocument definition = JsonDocument.Parse(package.Files[asmdef]);
            string name = definition.RootElement.GetProperty("name").GetString()!;
            Assert.DoesNotContain(name, names.Concat(s_netStandard21).Concat(s_unityPackages));
        }
    }

    [Fact]
    public void A_script_compiled_as_Unity_compiles_one_gets_its_wrapper_and_the_diagnostics_from_the_package_alone()
    {
        UnityPackage package = s_package.Value;
        string work = Directory.CreateTempSubdirectory("coro-unity-").FullName;
        try
        {
            // The package as Unity installs it, in Library/PackageCache.
            string installed = Path.Combine(work, "PackageCache", "com.coro.coroutines");
            foreach ((string path, byte[] content) in package.Files)
            {
                string target = Path.Combine(installed, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, content);
            }

            // Assembly-CSharp as Unity 6000.0 compiles it: .NET Standard 2.1 at C# 9, every auto-referenced
            // plugin of the package as a reference (6000.0 sets no UNITY_6000_5_OR_NEWER, so all of them),
            // the RoslynAnalyzer DLLs in scope (Assembly-CSharp references the auto-referenced Coro asmdef)
            // as analyzers, and the Coro asmdef's own script beside the user's.
            string references = string.Concat(package.RuntimeDlls.Select(dll => $"""<Reference Include="{Path.Combine(installed, dll)}" />"""));
            string analyzers = string.Concat(package.Dlls.Except(package.RuntimeDlls).Select(dll => $"""<Analyzer Include="{Path.Combine(installed, dll)}" />"""));
            string project = Path.Combine(work, "Assembly-CSharp");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "Assembly-CSharp.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>netstandard2.1</TargetFramework>
                    <LangVersion>9.0</LangVersion>
                    <Nullable>disable</Nullable>
                    <ImplicitUsings>disable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <Compile Include="{Path.Combine(installed, "Runtime", "AnalyzerScope.cs")}" />
                    {references}
                    {analyzers}
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(project, "Enemy.cs"), """
                using System.Collections.Generic;
                using System.Threading;
                using Coro;

                public partial class Enemy
                {
                    [Coroutine(ResultType = "string")]
                    public partial IEnumerable<Future> Patrol(int frames)
                    {
                        for (int i = 0; i < frames; i++)
                        {
                            yield return null;
                        }

                        yield return Coroutine.Return("patrolled");
                    }

                    [Coroutine]
                    public partial IEnumerable<Future> Freeze()
                    {
                        Thread.Sleep(1);
                        yield return null;
                    }

                    public Future<string> Start() => PatrolAsync(3);
                }
                """);

            // A stranger's project: none of the repository's build settings.
            File.WriteAllText(Path.Combine(work, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(work, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(work, "Directory.Packages.props"), "<Project />");

            (int exit, string output) = Dotnet($"build {project}", work);

            // PatrolAsync exists only if the package's generator ran; CORO002 (Thread.Sleep in a
            // coroutine) only if its analyzers did.
            Assert.True(exit == 0, output);
            Assert.Contains("CORO002", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Whether the platform entry <paramref name="platform"/> (<c>: Any</c>, <c>Editor: Editor</c>) of a
    /// PluginImporter's platformData is enabled, or -1 when the meta has no such entry.</summary>
    private static int PlatformEnabled(string meta, string platform)
    {
        Match match = Regex.Match(meta, $"  - first:\n      {Regex.Escape(platform)}\n    second:\n      enabled: (\\d)\n");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    /// <summary>The assembly definition in the folder of <paramref name="path"/> or the nearest one above it.</summary>
    private static string? AsmdefAbove(UnityPackage package, string path) =>
        Folders(path).Reverse()
            .Select(folder => package.Files.Keys.SingleOrDefault(file => file.EndsWith(".asmdef", StringComparison.Ordinal) && Path.GetDirectoryName(file)!.Replace('\\', '/') == folder))
            .FirstOrDefault(asmdef => asmdef is not null);

    /// <summary>The folders above a path, outermost first: <c>a/b/c.dll</c> → <c>a</c>, <c>a/b</c>.</summary>
    private static IEnumerable<string> Folders(string path)
    {
        for (int slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    [GeneratedRegex(@"^[a-z0-9_-]+\.[a-z0-9_-]+(\.[a-z0-9_-]+)+$")]
    private static partial Regex PackageName();

    // https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex SemanticVersion();

    [GeneratedRegex(@"(?m)^guid: ([0-9a-f]{32})$")]
    private static partial Regex MetaGuid();

    private static UnityPackage BuildOnce()
    {
        string root = RepositoryRoot();
        (int exit, string output) = Dotnet(Command, root);
        Assert.True(exit == 0, $"dotnet {Command} failed:\n{output}");

        // The tool prints the tarball's path last, and it is artifacts/unity/ under the repository.
        string tarball = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        Assert.Equal(Path.Combine(root, "artifacts", "unity"), Path.GetDirectoryName(tarball));
        string version = XDocument.Load(Path.Combine(root, "Directory.Build.props")).Descendants("Version").Single().Value;
        return UnityPackage.Read(tarball, version);
    }

    private static (int Exit, string Output) Dotnet(string arguments, string directory) => DotnetCli.Run(arguments, directory);

    private static string RepositoryRoot() => DotnetCli.RepositoryRoot();

    /// <summary>The package as its tarball holds it: each file by its path under <c>package/</c>.</summary>
    private sealed class UnityPackage
    {
        private UnityPackage(string tarball, string repositoryVersion, List<TarEntry> entries, Dictionary<string, byte[]> files)
        {
            Tarball = tarball;
            RepositoryVersion = repositoryVersion;
            Entries = entries;
            Files = files;
        }

        public string Tarball { get; }

        public string RepositoryVersion { get; }

        public IReadOnlyList<TarEntry> Entries { get; }

        public IReadOnlyDictionary<string, byte[]> Files { get; }

        public IEnumerable<string> Dlls => Files.Keys.Where(path => path.EndsWith(".dll", StringComparison.Ordinal));

        /// <summary>The DLLs Unity loads as plugins: every DLL but the Roslyn components.</summary>
        public IEnumerable<string> RuntimeDlls => Dlls.Where(dll => !Text(dll + ".meta").Contains("- RoslynAnalyzer", StringComparison.Ordinal));

        public static UnityPackage Read(string tarball, string repositoryVersion)
        {
            var entries = new List<TarEntry>();
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            using FileStream file = File.OpenRead(tarball);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new TarReader(gzip);
            while (reader.GetNextEntry(copyData: true) is TarEntry entry)
            {
                entries.Add(entry);
                using var content = new MemoryStream();
                entry.DataStream?.CopyTo(content);
                files.Add(entry.Name["package/".Length..], content.ToArray());
            }

            return new UnityPackage(tarball, repositoryVersion, entries, files);
        }

        public string Text(string path) => Encoding.UTF8.GetString(Files[path]);

        public string AssemblyName(string dll) => Read(dll, metadata => metadata.GetString(metadata.GetAssemblyDefinition().Name));

        /// <summary>Each assembly <paramref name="dll"/> references, with the version it was built against.</summary>
        public Dictionary<string, Version> References(string dll) => Read(dll, metadata => metadata.AssemblyReferences
            .Select(metadata.GetAssemblyReference)
            .ToDictionary(reference => metadata.GetString(reference.Name), reference => reference.Version, StringComparer.Ordinal));

        /// <summary>The value of the DLL's <c>TargetFrameworkAttribute</c>, read from its metadata without loading it.</summary>
        public string? TargetFramework(string dll) => Read(dll, metadata =>
        {
            foreach (CustomAttributeHandle handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                CustomAttribute attribute = metadata.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind == HandleKind.MemberReference
                    && metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
                    && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name) == "TargetFrameworkAttribute")
                {
                    BlobReader value = metadata.GetBlobReader(attribute.Value);
                    value.ReadUInt16(); // the prolog, 0x0001
                    return value.ReadSerializedString();
                }
            }

            return null;
        });

        private T Read<T>(string dll, Func<MetadataReader, T> read)
        {
            using var reader = new PEReader(new MemoryStream(Files[dll], writable: false));
            return read(reader.GetMetadataReader());
        }
    }
}

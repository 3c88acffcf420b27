using System.Text;
using System.Text.Json;

namespace Coro.UnityPackage;

/// <summary>
/// The files of the package, by their path inside it:
/// <code>
/// package.json  README.md  CHANGELOG.md  LICENSE.md  Third Party Notices.md
/// Runtime/Coro.asmdef  Runtime/AnalyzerScope.cs          the assembly that scopes the analyzers
/// Runtime/Coro.Runtime.dll  Runtime/Coro.Runtime.xml     netstandard2.1, every platform
/// Runtime/&lt;dependency&gt;.dll                             what it loads that Unity 6 lacks
/// Runtime/Analyzers/Coro.Generators.dll, Coro.Analyzers.dll   RoslynAnalyzer, no platform
/// </code>
/// and a <c>.meta</c> beside every file and folder.
/// </summary>
internal static class PackageLayout
{
    /// <summary>The package's name: reverse domain notation, lowercase, without "unity" (Unity's "Name your package").</summary>
    public const string Name = "com.coro.coroutines";

    private const string RuntimeFolder = "Runtime";

    // Unity runs an analyzer on the assembly whose assembly definition sits in the analyzer's folder
    // or above it, and on every assembly that references that one (Unity's "Analyzer scope"): so the
    // analyzers live below Runtime/Coro.asmdef.
    private const string AnalyzerFolder = "Runtime/Analyzers";

    /// <summary>
    /// Dependencies that some Unity 6 releases ship themselves. The package's copy carries the define
    /// constraint, so Unity compiles against it only where the editor has none; two copies would stop
    /// the build with "Multiple precompiled assemblies with the same name". docs/hosts.md says where each
    /// version comes from.
    /// </summary>
    private static readonly Dictionary<string, string> s_providedByLaterUnity = new(StringComparer.Ordinal)
    {
        // Unity 6.5 (6000.5) ships Microsoft.Bcl.AsyncInterfaces 8.0.0.0 in Editor/Data/BCLExtensions; 6000.0-6000.4 do not.
        ["Microsoft.Bcl.AsyncInterfaces"] = "!UNITY_6000_5_OR_NEWER",
    };

    public static SortedDictionary<string, byte[]> Build(Inputs inputs)
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var metas = new Dictionary<string, string>(StringComparer.Ordinal);

        // The package's own files (asmdef, README, ...), as they are in tools/Coro.UnityPackage/Package.
        foreach (string file in Directory.EnumerateFiles(inputs.Files, "*", SearchOption.AllDirectories))
        {
            files.Add(Path.GetRelativePath(inputs.Files, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }

        files.Add("package.json", Manifest(inputs));
        files.Add("Third Party Notices.md", ThirdPartyNotices(inputs));

        string runtime = $"{RuntimeFolder}/{Path.GetFileName(inputs.Runtime)}";
        files.Add(runtime, File.ReadAllBytes(inputs.Runtime));
        metas.Add(runtime, UnityMeta.RuntimePlugin(Guid(runtime), defineConstraint: null));
        string documentation = Path.ChangeExtension(inputs.Runtime, ".xml");
        files.Add(Path.ChangeExtension(runtime, ".xml"), File.ReadAllBytes(documentation));

        foreach (Dependency dependency in inputs.Dependencies)
        {
            string path = $"{RuntimeFolder}/{Path.GetFileName(dependency.Path)}";
            files.Add(path, File.ReadAllBytes(dependency.Path));
            metas.Add(path, UnityMeta.RuntimePlugin(Guid(path), s_providedByLaterUnity.GetValueOrDefault(dependency.AssemblyName)));
        }

        foreach (string analyzer in inputs.Analyzers)
        {
            string path = $"{AnalyzerFolder}/{Path.GetFileName(analyzer)}";
            files.Add(path, File.ReadAllBytes(analyzer));
            metas.Add(path, UnityMeta.RoslynAnalyzer(Guid(path)));
        }

        // Unity ignores a file or folder without a .meta in an immutable (installed) package, so every
        // one gets a .meta, with a GUID made from its path: a rebuild gives the same GUIDs.
        foreach (string path in files.Keys.ToArray())
        {
            string meta = metas.TryGetValue(path, out string? special) ? special : UnityMeta.ForFile(path, Guid(path));
            files.Add(path + ".meta", Encoding.UTF8.GetBytes(meta));
        }

        foreach (string folder in files.Keys.SelectMany(Folders).Distinct(StringComparer.Ordinal).ToArray())
        {
            files.Add(folder + ".meta", Encoding.UTF8.GetBytes(UnityMeta.Folder(Guid(folder))));
        }

        return files;
    }

    /// <summary>The GUID of a file or folder of this package, from its path alone (<see cref="UnityMeta.Guid"/>).</summary>
    private static string Guid(string path) => UnityMeta.Guid($"{Name}/{path}");

    /// <summary>The folders above a file, <c>a/b/c.txt</c> → <c>a</c>, <c>a/b</c>.</summary>
    private static IEnumerable<string> Folders(string path)
    {
        for (int slash = path.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    /// <summary>package.json (Unity's "Package manifest file"): the required name and version, and the
    /// recommended displayName, description and unity (the oldest editor: Unity 6, whose compiler runs
    /// generators built against Roslyn 4.3).</summary>
    private static byte[] Manifest(Inputs inputs)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("version", inputs.Version);
            json.WriteString("displayName", "Coro");
            json.WriteString("description", "Tornado-style generator coroutines for C#: mark a partial iterator method [Coroutine] and a source generator writes the wrapper that starts it on an event loop you pump once per frame; analyzers catch bad yields, blocking calls and dropped futures.");
            json.WriteString("unity", "6000.0");
            json.WriteString("license", "MIT");
            json.WriteString("documentationUrl", $"{inputs.Repository}/blob/main/docs/hosts.md#unity-package");
            json.WriteString("changelogUrl", $"{inputs.Repository}/blob/main/tools/Coro.UnityPackage/Package/CHANGELOG.md");
            json.WriteString("licensesUrl", $"{inputs.Repository}/blob/main/tools/Coro.UnityPackage/Package/LICENSE.md");
            json.WriteStartArray("keywords");
            foreach (string keyword in (string[])["coroutine", "tornado", "event-loop", "future", "source-generator"])
            {
                json.WriteStringValue(keyword);
            }

            json.WriteEndArray();
            json.WriteStartObject("author");
            json.WriteString("name", inputs.Authors);
            json.WriteString("url", inputs.Repository);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>The Microsoft DLLs redistributed in Runtime/, with their packages and license.</summary>
    private static byte[] ThirdPartyNotices(Inputs inputs)
    {
        var text = new StringBuilder();
        text.Append("# Third party notices\n\n");
        text.Append("Runtime/ carries these assemblies from NuGet packages of the .NET Foundation, unchanged. Each is\n");
        text.Append("licensed under the MIT license; copyright (c) .NET Foundation and Contributors.\n\n");
        text.Append("| assembly | package |\n|---|---|\n");
        foreach (Dependency dependency in inputs.Dependencies)
        {
            text.Append($"| {Path.GetFileName(dependency.Path)} | {dependency.PackageId} {dependency.PackageVersion} |\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

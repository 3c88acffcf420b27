using System.Security.Cryptography;
using System.Text;

namespace Coro.UnityPackage;

/// <summary>
/// The <c>.meta</c> files Unity keeps beside every asset: a GUID and the importer's settings, in the
/// YAML Unity itself writes.
/// </summary>
internal static class UnityMeta
{
    /// <summary>
    /// A GUID made from <paramref name="key"/> alone (the first 16 bytes of its SHA-256, as 32 lowercase
    /// hex digits, Unity's form): the same path gets the same GUID in every build, so an update of the
    /// package keeps every reference a project holds to its assets.
    /// </summary>
    public static string Guid(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));

    public static string Folder(string guid) => $$"""
        fileFormatVersion: 2
        guid: {{guid}}
        folderAsset: yes
        DefaultImporter:
          externalObjects: {}
          userData:
          assetBundleName:
          assetBundleVariant:

        """;

    /// <summary>The importer Unity picks for each kind of file the package has besides its DLLs.</summary>
    public static string ForFile(string path, string guid)
    {
        string importer = Path.GetFileName(path) == "package.json" ? "PackageManifestImporter"
            : Path.GetExtension(path) switch
            {
                ".md" or ".xml" => "TextScriptImporter",
                ".asmdef" => "AssemblyDefinitionImporter",
                ".cs" => "MonoImporter",
                _ => throw new InvalidOperationException($"{path}: no importer chosen for this kind of file; add one to UnityMeta.ForFile."),
            };

        string settings = importer == "MonoImporter"
            ? """
                serializedVersion: 2
                defaultReferences: []
                executionOrder: 0
                icon: {instanceID: 0}

              """
            : string.Empty;

        return $$"""
            fileFormatVersion: 2
            guid: {{guid}}
            {{importer}}:
              externalObjects: {}
            {{settings}}  userData:
              assetBundleName:
              assetBundleVariant:

            """;
    }

    /// <summary>
    /// A managed plugin that loads everywhere: "Any Platform" on, the Editor not excluded (Unity's
    /// "Plugin Inspector"). Auto Reference stays on (<c>isExplicitlyReferenced: 0</c>), so scripts and
    /// assembly definitions see it without naming it. A <paramref name="defineConstraint"/> leaves the
    /// plugin out where its symbol says Unity ships the assembly itself.
    /// </summary>
    public static string RuntimePlugin(string guid, string? defineConstraint) => $$"""
        fileFormatVersion: 2
        guid: {{guid}}
        PluginImporter:
          externalObjects: {}
          serializedVersion: 2
          iconMap: {}
          executionOrder: {}
          defineConstraints:{{(defineConstraint is null ? " []" : $"\n  - '{defineConstraint}'")}}
          isPreloaded: 0
          isOverridable: 0
          isExplicitlyReferenced: 0
          validateReferences: 1
          platformData:
          - first:
              : Any
            second:
              enabled: 1
              settings:
                Exclude Editor: 0
          - first:
              Editor: Editor
            second:
              enabled: 1
              settings:
                DefaultValueInitialized: true
          userData:
          assetBundleName:
          assetBundleVariant:

        """;

    /// <summary>
    /// A Roslyn analyzer or source generator, as Unity's "Install and use an existing analyzer or source
    /// generator" sets one up: the <c>RoslynAnalyzer</c> label, "Any Platform" off and no platform
    /// (the Editor included) on, so Unity hands it to the compiler and never loads it as a plugin. Its
    /// references (Microsoft.CodeAnalysis) are the compiler's, not the project's, so they are not validated.
    /// </summary>
    public static string RoslynAnalyzer(string guid) => $$"""
        fileFormatVersion: 2
        guid: {{guid}}
        labels:
        - RoslynAnalyzer
        PluginImporter:
          externalObjects: {}
          serializedVersion: 2
          iconMap: {}
          executionOrder: {}
          defineConstraints: []
          isPreloaded: 0
          isOverridable: 0
          isExplicitlyReferenced: 0
          validateReferences: 0
          platformData:
          - first:
              : Any
            second:
              enabled: 0
              settings:
                Exclude Editor: 1
          - first:
              Editor: Editor
            second:
              enabled: 0
              settings:
                DefaultValueInitialized: true
          userData:
          assetBundleName:
          assetBundleVariant:

        """;
}

namespace Coro.UnityPackage;

/// <summary>A package DLL that Coro.Runtime's netstandard2.1 build loads at run time.</summary>
internal sealed record Dependency(string Path, string PackageId, string PackageVersion)
{
    public string AssemblyName => System.IO.Path.GetFileNameWithoutExtension(Path);
}

/// <summary>What the build of this project found to pack (unity-inputs.txt, one <c>kind=value</c> a line).</summary>
internal sealed record Inputs(
    string Version,
    string Repository,
    string Authors,
    string Files,
    string Output,
    string Runtime,
    IReadOnlyList<Dependency> Dependencies,
    IReadOnlyList<string> Analyzers)
{
    public static Inputs Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run the tool with `dotnet run --project tools/Coro.UnityPackage -c Release`, whose build writes it.");
        }

        ILookup<string, string> lines = File.ReadAllLines(path)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('=', 2))
            .ToLookup(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

        string One(string kind) => lines[kind].Single();

        return new Inputs(
            One("version"),
            One("repository"),
            One("authors"),
            One("files"),
            One("output"),
            One("runtime"),
            [.. lines["dependency"].Select(value => value.Split('|')).Select(parts => new Dependency(parts[0], parts[1], parts[2])).OrderBy(d => d.AssemblyName, StringComparer.Ordinal)],
            [.. lines["analyzer"].Order(StringComparer.Ordinal)]);
    }
}

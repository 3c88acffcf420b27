using Coro.Tests.Generators;

namespace Coro.Tests.Fuzz;

/// <summary>
/// What the fuzzer mutates: every generator input, every golden file, and every source of the
/// analyzer and code fix tests; each tokenized once, in a stable order.
/// </summary>
internal static class FuzzCorpus
{
    public static IReadOnlyList<FuzzSource> All { get; } = Load();

    private static List<FuzzSource> Load()
    {
        var sources = new List<FuzzSource>();
        foreach (string shape in GoldenFiles.Shapes)
        {
            sources.Add(FuzzSource.Create($"Inputs/{shape}.cs", GoldenFiles.Input(shape)));
        }

        string golden = Path.Combine(GoldenFiles.Directory, "Golden");
        foreach (string file in Directory.EnumerateFiles(golden, "*.g.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sources.Add(FuzzSource.Create("Golden/" + Path.GetRelativePath(golden, file).Replace('\\', '/'), File.ReadAllText(file)));
        }

        List<string> testSources = Analyzers.RobustnessTests.TestSources();
        for (int i = 0; i < testSources.Count; i++)
        {
            sources.Add(FuzzSource.Create($"analyzer and code fix test source #{i}", testSources[i]));
        }

        return sources;
    }
}

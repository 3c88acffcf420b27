using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Coro.Tests.CodeFixes;
using Xunit.Abstractions;

namespace Coro.Tests.Analyzers;

/// <summary>
/// Analyzers and fixes never throw on half-typed code: every test source of the analyzer and
/// code fix tests, cut after every 7th character, goes through every analyzer, the suppressor,
/// every fix of every Coro diagnostic, and each fix's Fix All.
/// </summary>
public partial class RobustnessTests(ITestOutputHelper output)
{
    private const int Step = 7;
    private int _cuts;
    private int _diagnostics;
    private int _fixes;

    [Fact]
    public async Task Analyzers_and_fixes_never_throw_on_any_prefix_of_the_test_sources()
    {
        List<string> sources = TestSources();
        Assert.True(sources.Count >= 50, $"only {sources.Count} test sources found");

        Assert.Equal(8, CodeFixHarness.All.Length);

        var failures = new List<string>();
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (source, ct) =>
        {
            Document empty = CodeFixHarness.EmptyDocument(new CSharpParseOptions(LanguageVersion.Latest));
            for (int length = 0; length <= source.Length; length += Step)
            {
                string cut = source[..length];
                Document document = empty.WithText(cut);
                var exceptions = new List<string>();
                Compilation compilation = (await document.Project.GetCompilationAsync(ct))!;
                ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(compilation, exceptions);
                Interlocked.Increment(ref _cuts);
                exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
                (int fixable, int fixes) = await CodeFixHarness.RunEveryFixAsync(document, diagnostics, exceptions, ct);
                Interlocked.Add(ref _diagnostics, fixable);
                Interlocked.Add(ref _fixes, fixes);

                if (exceptions.Count > 0)
                {
                    lock (failures)
                    {
                        failures.Add($"--- cut at {length}:\n{cut}\n--- failures:\n{string.Join("\n", exceptions)}");
                    }
                }
            }
        });

        output.WriteLine($"{sources.Count} sources, {_cuts} cuts, {_diagnostics} Coro diagnostics with a fix provider, {_fixes} fixes applied");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
    }

    /// <summary>The raw string literals of the analyzer and code fix tests, markup removed, with the usual header.</summary>
    internal static List<string> TestSources([CallerFilePath] string thisFile = "")
    {
        string testsDirectory = Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!;
        var sources = new List<string>();
        foreach (string folder in new[] { "Analyzers", "CodeFixes" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(testsDirectory, folder), "*.cs").Order(StringComparer.Ordinal))
            {
                foreach (Match match in RawString().Matches(File.ReadAllText(file)))
                {
                    string text = Markup().Replace(match.Groups[1].Value, string.Empty).Replace("|}", string.Empty);
                    sources.Add(CoroVerifier.Header + text);
                }
            }
        }

        return [.. sources.Distinct()];
    }

    [GeneratedRegex("\"\"\"\\r?\\n(.*?)\\r?\\n\\s*\"\"\"", RegexOptions.Singleline)]
    private static partial Regex RawString();

    [GeneratedRegex(@"\{\|[A-Za-z0-9#]+:")]
    private static partial Regex Markup();
}

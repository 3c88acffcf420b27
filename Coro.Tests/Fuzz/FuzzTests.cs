// The fuzzer: seeded token mutations of every test source through the generator, every analyzer,
// the suppressor and every code fix. Zero exceptions allowed.
//
//   CORO_FUZZ_MUTANTS=20000  how many mutants to run (default 2,000: the CI run, well under two minutes)
//   CORO_FUZZ_SEED=12345     another seed (default 7); a mutant is a pure function of (seed, index)
//   CORO_FUZZ_MUTANT=1234    replays that one mutant of the seed alone
//
// e.g. CORO_FUZZ_MUTANTS=20000 dotnet test Coro.Tests --filter FullyQualifiedName~Fuzz --logger "console;verbosity=detailed"
// A failure prints the seed, the mutant's index, its origin and edits, the exception and the whole
// mutated source, ready to paste into a regression test.
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Coro.Tests.Analyzers;
using Coro.Tests.CodeFixes;
using Coro.Tests.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Coro.Tests.Fuzz;

public class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultMutants = 2_000;
    private const int DefaultSeed = 7;

    [Fact]
    public void Joined_tokens_give_every_corpus_source_back()
    {
        Assert.True(FuzzCorpus.All.Count >= 100, $"only {FuzzCorpus.All.Count} corpus sources");
        Assert.All(FuzzCorpus.All, s => Assert.Equal(s.Text, string.Concat(s.Tokens)));
    }

    [Fact]
    public void A_mutant_is_a_pure_function_of_seed_and_index()
    {
        Mutant first = TokenMutator.Create(DefaultSeed, 1234, FuzzCorpus.All);
        Mutant again = TokenMutator.Create(DefaultSeed, 1234, FuzzCorpus.All);
        Assert.Equal(first.Text, again.Text);
        Assert.Equal(first.Mutations, again.Mutations);
        Assert.NotEqual(first.Text, TokenMutator.Create(DefaultSeed + 1, 1234, FuzzCorpus.All).Text);
    }

    [Fact]
    public async Task Generator_analyzers_and_fixes_never_throw_on_mutated_sources()
    {
        int seed = Setting("CORO_FUZZ_SEED") ?? DefaultSeed;
        int[] indices = Setting("CORO_FUZZ_MUTANT") is { } only
            ? [only]
            : [.. Enumerable.Range(0, Setting("CORO_FUZZ_MUTANTS") ?? DefaultMutants)];

        var failures = new ConcurrentBag<(Mutant Mutant, string Exception)>();
        var parserCrashes = new ConcurrentBag<string>();
        int fixable = 0;
        int fixes = 0;
        long slowestTicks = 0;
        int slowest = -1;
        var clock = Stopwatch.StartNew();

        // Two workers (the machine's cores), each with its own workspace, take every other mutant.
        await Parallel.ForEachAsync(Enumerable.Range(0, 2), async (worker, ct) =>
        {
            Document empty = CodeFixHarness.EmptyDocument(GeneratorHarness.ParseOptions);
            for (int i = worker; i < indices.Length; i += 2)
            {
                Mutant mutant = TokenMutator.Create(seed, indices[i], FuzzCorpus.All);
                long start = Stopwatch.GetTimestamp();
                var exceptions = new List<string>();
                if (RoslynCannotParse(mutant.Text) is { } parserBug)
                {
                    // Not Coro's to fix, and no Coro code would run: counted and shown, not failed.
                    parserCrashes.Add($"mutant {mutant.Index} (replay: CORO_FUZZ_SEED={mutant.Seed} CORO_FUZZ_MUTANT={mutant.Index}): {parserBug}");
                    continue;
                }

                try
                {
                    (int f, int x) = await RunAsync(empty.WithText(mutant.Origin.Text), empty.WithText(mutant.Text), exceptions, ct);
                    Interlocked.Add(ref fixable, f);
                    Interlocked.Add(ref fixes, x);
                }
                catch (Exception exception)
                {
                    // Outside Coro's code (the workspace, Roslyn's own parser): still this mutant's failure.
                    exceptions.Add($"outside the Coro analyzers and fixes: {exception}");
                }

                foreach (string exception in exceptions)
                {
                    failures.Add((mutant, exception));
                }

                long ticks = Stopwatch.GetTimestamp() - start;
                lock (failures)
                {
                    if (ticks > slowestTicks)
                    {
                        (slowestTicks, slowest) = (ticks, mutant.Index);
                    }
                }
            }
        });

        output.WriteLine(
            $"seed {seed}: {indices.Length} mutants of {FuzzCorpus.All.Count} sources in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"{fixable} Coro diagnostics with a fix provider, {fixes} fixes applied; slowest mutant #{slowest} " +
            $"({Stopwatch.GetElapsedTime(0, slowestTicks).TotalMilliseconds:F0} ms); {failures.Count} failures; " +
            $"{parserCrashes.Count} mutants skipped because Roslyn's own parser threw on them");
        foreach (string crash in parserCrashes.Order(StringComparer.Ordinal))
        {
            output.WriteLine("Roslyn's parser threw on " + crash);
        }


        // One report per distinct exception (its first line and first frame), the lowest index first.
        var distinct = failures
            .OrderBy(f => f.Mutant.Index)
            .GroupBy(f => Signature(f.Exception))
            .Select(g => (First: g.First(), Count: g.Count()))
            .ToList();
        string report = string.Join("\n\n", distinct.Select(d => Describe(d.First.Mutant, d.First.Exception, d.Count)));
        output.WriteLine(report);
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, {distinct.Count} distinct:\n\n{report}");
    }

    /// <summary>
    /// The generator (run first on the original, so that the mutant is an edit it sees incrementally),
    /// then every analyzer and the suppressor on its output, then every fix; the code each fix
    /// gives goes through the generator and the analyzers again.
    /// </summary>
    private static async Task<(int Fixable, int Fixes)> RunAsync(Document original, Document document, List<string> exceptions, CancellationToken cancellationToken)
    {
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators((await original.Project.GetCompilationAsync(cancellationToken))!, cancellationToken);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(driver, document, exceptions, string.Empty, cancellationToken);
        return await CodeFixHarness.RunEveryFixAsync(
            document, diagnostics, exceptions, cancellationToken,
            changed: async fixedDocument =>
            {
                string before = (await document.GetTextAsync(cancellationToken)).ToString();
                string after = (await fixedDocument.GetTextAsync(cancellationToken)).ToString();
                await AnalyzeAsync(GeneratorHarness.Driver(), fixedDocument, exceptions, $"\n----- (found after a fix) the source before the fix:\n{before}\n----- the fixed source:\n{after}", cancellationToken);
            });
    }

    /// <summary>Runs the generator, then every analyzer and the suppressor on its output.</summary>
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(GeneratorDriver driver, Document document, List<string> exceptions, string context, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        Compilation compilation = (await document.Project.GetCompilationAsync(cancellationToken))!;
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out ImmutableArray<Diagnostic> generatorDiagnostics, cancellationToken)
            .GetRunResult().Results
            .Where(r => r.Exception is not null)
            .ToList()
            .ForEach(r => found.Add($"generator: {r.Exception}"));
        found.AddRange(generatorDiagnostics.Where(d => d.Id == "CS8785").Select(d => d.ToString()));

        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(generated, found);
        found.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        exceptions.AddRange(found.Select(f => f + context));
        return diagnostics;
    }

    /// <summary>The exception Roslyn's own parser throws on the text, if it does (a Roslyn bug, seen with Roslyn 4.14).</summary>
    private static string? RoslynCannotParse(string text)
    {
        try
        {
            CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions);
            return null;
        }
        catch (Exception exception)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

        private static string Describe(Mutant mutant, string exception, int count) => $"""
        ===== seed {mutant.Seed}, mutant {mutant.Index} (replay: CORO_FUZZ_SEED={mutant.Seed} CORO_FUZZ_MUTANT={mutant.Index}); {count} failure(s) like it
        origin: {mutant.Origin.Name}
        mutations: {string.Join("; ", mutant.Mutations)}
        exception: {exception}
        ----- mutated source:
        {mutant.Text}
        ----- end of mutated source
        """;

    private static string Signature(string exception)
    {
        string[] lines = exception.Split('\n');
        string first = lines[0];
        int colon = first.IndexOf(": ", first.IndexOf("Exception", StringComparison.Ordinal) is var e and >= 0 ? e : 0, StringComparison.Ordinal);
        string frame = lines.FirstOrDefault(l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal))?.Trim() ?? string.Empty;
        return (colon >= 0 ? first[..colon] : first) + " " + frame;
    }

    private static int? Setting(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int value) ? value : null;
}

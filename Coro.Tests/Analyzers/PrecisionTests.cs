using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Abstractions;

namespace Coro.Tests.Analyzers;

/// <summary>
/// Precision (docs/design.md, "Analyzers"): idiomatic coroutines get no Coro diagnostic. Checks the
/// coroutines of Coro.Sample, of the end-to-end tests and of the generator's test inputs, compiled
/// with the real generator (found in Coro.Generators by reflection), plus the examples of the design.
/// A folder that is missing or holds no source, or a generator that is not found or writes nothing,
/// fails the test: without them it would pass while checking nothing.
/// More folders can be added with CORO_PRECISION_DIRS (path-separated; each folder is one
/// compilation) and CORO_PRECISION_GENERATOR (a generator assembly) for a local check.
/// </summary>
public class PrecisionTests(ITestOutputHelper output)
{
    private const string DesignExamples = CoroVerifier.Header + """
        using System.Net.Http;

        public partial class Spider(HttpClient http)
        {
            [Coroutine<string>]
            public partial IEnumerable<Future> FetchTitle(string url)
            {
                Future<string> page = Future.FromTask(http.GetStringAsync(url));
                yield return page;
                yield return Coroutine.Return(ParseTitle(page.Result));
            }

            [Coroutine<int>]
            public partial IEnumerable<Future> Careful(Future<int> f)
            {
                yield return f.Settled();
                if (f.IsFaulted)
                {
                    Console.WriteLine(f.Exception);
                    yield return Coroutine.Return(0);
                }
                else
                {
                    yield return Coroutine.Return(f.Result);
                }
            }

            [Coroutine]
            public partial IEnumerable<Future> Crawl(IEnumerable<string> urls)
            {
                var pages = new List<Future<string>>();
                foreach (string url in urls)
                {
                    pages.Add(Future.FromTask(http.GetStringAsync(url)));
                }

                yield return Future.All(pages);
                foreach (Future<string> page in Future.AsCompleted(pages))
                {
                    yield return page;
                    Console.WriteLine(page.Result.Length);
                }

                yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(10));
                yield return Coroutine.Moment;
                yield return null!;
                Task delay = Task.Delay(1);
                yield return delay;
            }

            private static string ParseTitle(string html) => html;
        }
        """;

    [Fact]
    public async Task Idiomatic_coroutines_get_no_Coro_diagnostic()
    {
        var groups = new List<(string Name, string[] Sources)> { ("design examples", [DesignExamples]) };
        string root = RepositoryRoot();
        AddFolder(groups, Path.Combine(root, "Coro.Sample"), together: true);
        AddFolder(groups, Path.Combine(root, "Coro.Tests", "EndToEnd"), together: false);
        AddFolder(groups, Path.Combine(root, "Coro.Tests", "Generators", "Inputs"), together: false);
        foreach (string extra in (Environment.GetEnvironmentVariable("CORO_PRECISION_DIRS") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            AddFolder(groups, extra, together: true);
        }

        ImmutableArray<ISourceGenerator> generators = Generators();
        Assert.False(generators.IsEmpty, "no generator was found, and without one every [Coroutine] method is an error");
        var found = new List<string>();
        int generatedFiles = 0;
        foreach ((string name, string[] sources) in groups)
        {
            Compilation compilation = AnalyzerHarness.Compile(sources);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(generators, parseOptions: new CSharpParseOptions(LanguageVersion.Latest))
                .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out _);
            GeneratorDriverRunResult run = driver.GetRunResult();
            found.AddRange(run.Results.Where(r => r.Exception is not null).Select(r => $"{name}: the generator threw {r.Exception}"));
            generatedFiles += run.GeneratedTrees.Length;

            var exceptions = new List<string>();
            ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(compilation, exceptions);
            found.AddRange(exceptions.Select(e => $"{name}: {e}"));
            found.AddRange(diagnostics
                .Where(d => !d.IsSuppressed && (d.Id.StartsWith("CORO", StringComparison.Ordinal) || d.Id == "AD0001"))
                .Select(d => $"{name}: {d}"));
        }

        output.WriteLine($"{groups.Count} compilations, {generators.Length} generator(s), {generatedFiles} generated files");
        Assert.True(generatedFiles != 0, "the generator wrote nothing, so the coroutines were checked without their wrappers");
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static void AddFolder(List<(string, string[])> groups, string folder, bool together)
    {
        Assert.True(Directory.Exists(folder), $"{folder} does not exist: the precision test would not check its coroutines");
        string[] files = [.. Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Order(StringComparer.Ordinal)];
        Assert.True(files.Length != 0, $"{folder} holds no C# file: the precision test would check nothing there");
        if (together)
        {
            groups.Add((folder, [.. files.Select(File.ReadAllText)]));
        }
        else
        {
            groups.AddRange(files.Select(f => (f, new[] { File.ReadAllText(f) })));
        }
    }

    private static ImmutableArray<ISourceGenerator> Generators()
    {
        // CORO_PRECISION_GENERATOR: another build of the generator, for a local check.
        Assembly assembly = Environment.GetEnvironmentVariable("CORO_PRECISION_GENERATOR") is { Length: > 0 } path
            ? new System.Runtime.Loader.AssemblyLoadContext("precision-generator").LoadFromAssemblyPath(path)
            : Assembly.Load("Coro.Generators");
        return [.. assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<GeneratorAttribute>() is not null)
            .Select(t => Activator.CreateInstance(t) switch
            {
                IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                ISourceGenerator generator => generator,
                _ => null,
            })
            .OfType<ISourceGenerator>()];
    }

    private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)))!;
}

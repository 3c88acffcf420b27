using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Coro.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
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

        ImmutableArray<CodeFixProvider> providers =
        [
            .. typeof(CORO001YieldNonFutureCodeFix).Assembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t))
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!),
        ];
        Assert.Equal(7, providers.Length);

        var failures = new List<string>();
        await Parallel.ForEachAsync(sources, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (source, ct) =>
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var documentId = DocumentId.CreateNewId(projectId);
            Solution solution = workspace.CurrentSolution
                .AddProject(ProjectInfo.Create(
                    projectId, VersionStamp.Default, "Robust", "Robust", LanguageNames.CSharp,
                    compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                    parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                    metadataReferences: CoroVerifier.References))
                .AddDocument(documentId, "Test.cs", string.Empty);

            for (int length = 0; length <= source.Length; length += Step)
            {
                string cut = source[..length];
                Document document = solution.WithDocumentText(documentId, SourceText.From(cut)).GetDocument(documentId)!;
                var exceptions = new List<string>();
                Compilation compilation = (await document.Project.GetCompilationAsync(ct))!;
                ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(compilation, exceptions);
                Interlocked.Increment(ref _cuts);
                exceptions.AddRange(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
                foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id.StartsWith("CORO", StringComparison.Ordinal)))
                {
                    foreach (CodeFixProvider provider in providers.Where(p => p.FixableDiagnosticIds.Contains(diagnostic.Id)))
                    {
                        Interlocked.Increment(ref _diagnostics);
                        try
                        {
                            await RunFixesAsync(document, provider, diagnostic, diagnostics, ct);
                        }
                        catch (Exception exception)
                        {
                            exceptions.Add($"{provider.GetType().Name} on {diagnostic}: {exception}");
                        }
                    }
                }

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

    private async Task RunFixesAsync(
        Document document, CodeFixProvider provider, Diagnostic diagnostic, ImmutableArray<Diagnostic> all, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken));
        foreach (CodeAction action in actions)
        {
            Interlocked.Increment(ref _fixes);
            await action.GetOperationsAsync(cancellationToken);
            if (provider.GetFixAllProvider() is { } fixAll)
            {
                ImmutableArray<Diagnostic> same = [.. all.Where(d => d.Id == diagnostic.Id)];
                var context = new FixAllContext(
                    document, provider, FixAllScope.Document, action.EquivalenceKey, [diagnostic.Id], new KnownDiagnostics(same), cancellationToken);
                if (await fixAll.GetFixAsync(context) is { } fixAllAction)
                {
                    await fixAllAction.GetOperationsAsync(cancellationToken);
                }
            }
        }
    }

    private sealed class KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
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

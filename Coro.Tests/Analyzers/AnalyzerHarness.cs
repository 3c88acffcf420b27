using System.Collections.Immutable;
using System.Reflection;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coro.Tests.Analyzers;

/// <summary>Runs every Coro analyzer and the suppressor on plain compilations (no test framework).</summary>
internal static class AnalyzerHarness
{
    public static ImmutableArray<DiagnosticAnalyzer> All { get; } =
        [.. typeof(CoroSymbols).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Harness",
        sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
        CoroVerifier.References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>All diagnostics, suppressed ones included; analyzer exceptions go to <paramref name="exceptions"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Compilation compilation, List<string> exceptions)
    {
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{analyzer.GetType().Name}: {exception}");
                }
            },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);
        return await compilation.WithAnalyzers(All, options).GetAllDiagnosticsAsync();
    }
}

using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Coro.Tests.Analyzers;

/// <summary>
/// The one place that sets up analyzer and code fix tests: no reference-assembly package is
/// downloaded; the tests compile against Basic.Reference.Assemblies.Net100 and Coro.Runtime.
/// Every test source gets <see cref="Header"/> (usings) in front of it.
/// </summary>
internal static class CoroVerifier
{
    /// <summary>Usings every test source starts with.</summary>
    public const string Header = """
        using System;
        using System.Collections;
        using System.Collections.Generic;
        using System.CodeDom.Compiler;
        using System.Threading;
        using System.Threading.Tasks;
        using Coro;

        """;

    /// <summary>An empty reference set: nothing to resolve, nothing to download.</summary>
    public static readonly ReferenceAssemblies NoPackages = new("net10.0");

    /// <summary>.NET 10 reference assemblies plus Coro.Runtime.</summary>
    public static readonly ImmutableArray<MetadataReference> References =
        [.. Basic.Reference.Assemblies.Net100.References.All, MetadataReference.CreateFromFile(typeof(Coro.Future).Assembly.Location)];

    public static void Configure(SolutionState state)
    {
        state.AdditionalReferences.AddRange(References);
    }

    public static Task VerifyAnalyzerAsync<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = Header + source,
            ReferenceAssemblies = NoPackages,
        };
        Configure(test.TestState);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>As <see cref="VerifyAnalyzerAsync{TAnalyzer}(string, DiagnosticResult[])"/>, with
    /// <c>AdditionalFiles</c> items (a path, and its text).</summary>
    public static Task VerifyAnalyzerAsync<TAnalyzer>(string source, (string Path, string Text)[] additionalFiles, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = Header + source,
            ReferenceAssemblies = NoPackages,
        };
        Configure(test.TestState);
        foreach ((string path, string text) in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add((path, text));
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static Task VerifyFixAsync<TAnalyzer, TFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
        => VerifyFixAsync<TAnalyzer, TFix>(source, fixedSource, fixedSource, expected, []);

    /// <summary>As <see cref="VerifyFixAsync{TAnalyzer, TFix}(string, string, DiagnosticResult[])"/>, with
    /// <c>AdditionalFiles</c> items (a path, and its text) in the original and the fixed projects.</summary>
    public static Task VerifyFixAsync<TAnalyzer, TFix>(string source, string fixedSource, (string Path, string Text)[] additionalFiles, params DiagnosticResult[] expected)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
        => VerifyFixAsync<TAnalyzer, TFix>(source, fixedSource, fixedSource, expected, [], additionalFiles);

    /// <summary>
    /// Runs the fix one diagnostic at a time (to <paramref name="fixedSource"/>) and with Fix All
    /// (to <paramref name="batchFixedSource"/>). Both results must compile (apart from
    /// <paramref name="fixedExpected"/>) and keep no diagnostic of the analyzer under test.
    /// </summary>
    public static Task VerifyFixAsync<TAnalyzer, TFix>(
        string source, string fixedSource, string batchFixedSource, DiagnosticResult[] expected, DiagnosticResult[] fixedExpected,
        (string Path, string Text)[]? additionalFiles = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            TestCode = Header + source,
            FixedCode = Header + fixedSource,
            BatchFixedCode = Header + batchFixedSource,
            ReferenceAssemblies = NoPackages,
        };
        Configure(test.TestState);
        Configure(test.FixedState);
        Configure(test.BatchFixedState);
        foreach ((string path, string text) in additionalFiles ?? [])
        {
            test.TestState.AdditionalFiles.Add((path, text));
            test.FixedState.AdditionalFiles.Add((path, text));
            test.BatchFixedState.AdditionalFiles.Add((path, text));
        }

        // Markup in the fixed code marks what the fix leaves (a diagnostic that has no fix there).
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        test.BatchFixedState.MarkupHandling = MarkupMode.Allow;
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.ExpectedDiagnostics.AddRange(fixedExpected);
        test.BatchFixedState.ExpectedDiagnostics.AddRange(fixedExpected);
        return RunAndCheckOtherRulesAsync(test, new TAnalyzer().SupportedDiagnostics[0].Id, source, fixedSource, batchFixedSource);
    }

    /// <summary>
    /// After the framework's checks: no rule (of all seven) reports more on the fixed code than on
    /// the original, and the rule under test keeps only what the fixed markup expects.
    /// </summary>
    private static async Task RunAndCheckOtherRulesAsync(AnalyzerTest<DefaultVerifier> test, string id, string source, params string[] fixedSources)
    {
        await test.RunAsync();
        var ignored = new List<string>();
        Dictionary<string, int> before = Count(await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(Header + StripMarkup(source)), ignored));
        foreach (string fixedSource in fixedSources)
        {
            var exceptions = new List<string>();
            Dictionary<string, int> after = Count(await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(Header + StripMarkup(fixedSource)), exceptions));
            Assert.Empty(exceptions);
            foreach ((string rule, int count) in after)
            {
                int allowed = rule == id
                    ? Regex.Matches(fixedSource, Regex.Escape("{|" + rule + ":")).Count
                    : before.GetValueOrDefault(rule);
                Assert.True(count <= allowed, $"the fixed code has {count} {rule} (allowed: {allowed}):\n{fixedSource}");
            }
        }
    }

    private static Dictionary<string, int> Count(ImmutableArray<Diagnostic> diagnostics) => diagnostics
        .Where(d => d.Id.StartsWith("CORO", StringComparison.Ordinal) && !d.IsSuppressed)
        .GroupBy(d => d.Id)
        .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Removes <c>{|ID:</c> ... <c>|}</c> markup.</summary>
    public static string StripMarkup(string source) => Regex.Replace(source, @"\{\|[A-Za-z0-9#]+:", string.Empty).Replace("|}", string.Empty);
}

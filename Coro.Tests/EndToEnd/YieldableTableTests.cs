using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Coro.Tests.Analyzers;
using Coro.Tests.Generators;
using Microsoft.CodeAnalysis;

namespace Coro.Tests.EndToEnd;

/// <summary>
/// The table of what a body may yield is kept twice, for static types by CORO001
/// (<c>CoroSymbols.s_yieldables</c>) and for values by the Runner (<c>Internal/Yieldables.cs</c>).
/// These tests hold the two to one table: each row's static type is yielded from a generated
/// [Coroutine] body typed object, so the value reaches the Runner boxed, as CORO001 cannot see it;
/// every type CORO001 accepts must run, and every type CORO001 reports must be a BadYieldException.
/// </summary>
public class YieldableTableTests
{
    /// <summary>Every row of the table (docs/semantics.md): a static type and a value of it that is
    /// done, so the row runs without a loop turn to wait for.</summary>
    private static readonly (string Type, string Value)[] s_yieldable =
    [
        ("Future", "Future.FromResult(1)"),
        ("Future<int>", "Future.FromResult(1)"),
        ("Task", "Task.CompletedTask"),
        ("Task<int>", "Task.FromResult(1)"),
        ("ValueTask", "new ValueTask()"),
        ("ValueTask<int>", "new ValueTask<int>(1)"),
        ("ValueTask<string>?", "new ValueTask<string>(\"x\")"),
        ("Future[]", "new Future[] { Future.FromResult(1) }"),
        ("Future<int>[]", "new[] { Future.FromResult(1) }"),
        ("Task[]", "new[] { Task.CompletedTask }"),
        ("Task<int>[]", "new[] { Task.FromResult(1) }"),
        ("List<Future>", "new List<Future> { Future.FromResult(1) }"),
        ("IEnumerable<Task<int>>", "new List<Task<int>> { Task.FromResult(1) }"),
        ("Dictionary<string, Future<int>>", "new Dictionary<string, Future<int>> { [\"a\"] = Future.FromResult(1) }"),
        ("IReadOnlyDictionary<int, Future>", "new Dictionary<int, Future> { [1] = Future.FromResult(1) }"),
        ("SortedDictionary<long, Future<string>>", "new SortedDictionary<long, Future<string>> { [1] = Future.FromResult(\"x\") }"),
        ("System.Collections.ObjectModel.ReadOnlyDictionary<Guid, Future<int>>", "new System.Collections.ObjectModel.ReadOnlyDictionary<Guid, Future<int>>(new Dictionary<Guid, Future<int>> { [Guid.Empty] = Future.FromResult(1) })"),
    ];

    /// <summary>Types CORO001 reports, with a value of each.</summary>
    private static readonly (string Type, string Value)[] s_notYieldable =
    [
        ("int", "1"),
        ("string", "\"x\""),
        ("List<int>", "new List<int> { 1 }"),
        ("Dictionary<string, int>", "new Dictionary<string, int> { [\"a\"] = 1 }"),
        ("Dictionary<string, object>", "new Dictionary<string, object> { [\"a\"] = new object() }"),
        ("Func<Future>", "() => Future.FromResult(1)"),
        ("Lazy<Task>", "new Lazy<Task>(() => Task.CompletedTask)"),
    ];

    [Fact]
    public async Task Every_type_CORO001_accepts_runs_through_the_Runner()
    {
        (string source, Compilation output) = Build(s_yieldable);

        Assert.DoesNotContain(await Coro001(source), d => true);
        Assert.All(Run(output), result => Assert.Equal("ok", result.Outcome));
    }

    [Fact]
    public async Task Every_type_CORO001_reports_is_a_BadYieldException_at_run_time()
    {
        (string source, Compilation output) = Build(s_notYieldable);

        ImmutableArray<Diagnostic> reported = await Coro001(source);
        Assert.Equal(s_notYieldable.Length, reported.Length);
        Assert.All(Run(output), result => Assert.Equal(nameof(BadYieldException), result.Outcome));
    }

    /// <summary>One [Coroutine] per row whose body yields the row's value with the row's static type,
    /// and a scenario that runs each and says how it ended. Rows that CORO001 reports are compiled
    /// with that error suppressed, so that the Runner's side of the same row can be run.</summary>
    private static (string Source, Compilation Output) Build((string Type, string Value)[] rows)
    {
        var source = new System.Text.StringBuilder(CoroVerifier.Header + """
            #pragma warning disable CORO001
            public static partial class Rows
            {

            """);
        for (int i = 0; i < rows.Length; i++)
        {
            source.Append($$"""
                    [Coroutine]
                    public static partial IEnumerable<object?> Row{{i}}({{rows[i].Type}} value)
                    {
                        yield return value;
                    }

                    public static Future Start{{i}}() => Row{{i}}Async({{rows[i].Value}});

                """);
        }

        source.Append("}\n");
        string text = source.ToString();
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(text));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        return (text.Replace("#pragma warning disable CORO001", string.Empty, StringComparison.Ordinal), output);
    }

    private static async Task<ImmutableArray<Diagnostic>> Coro001(string source)
    {
        var exceptions = new List<string>();
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(AnalyzerHarness.Compile(source), exceptions);
        Assert.Empty(exceptions);
        return [.. diagnostics.Where(d => d.Id == "CORO001")];
    }

    private static List<(int Row, string Outcome)> Run(Compilation output)
    {
        Assembly assembly = GeneratorHarness.Load(output, out AssemblyLoadContext context);
        try
        {
            Type rows = assembly.GetType("Rows")!;
            var outcomes = new List<(int, string)>();
            for (int i = 0; rows.GetMethod("Start" + i) is { } start; i++)
            {
                try
                {
                    EventLoop.Run(() => (Future)start.Invoke(null, null)!, TimeSpan.FromSeconds(30));
                    outcomes.Add((i, "ok"));
                }
                catch (Exception exception)
                {
                    outcomes.Add((i, exception is BadYieldException ? nameof(BadYieldException) : exception.GetType().Name + ": " + exception.Message));
                }
            }

            return outcomes;
        }
        finally
        {
            context.Unload();
        }
    }
}

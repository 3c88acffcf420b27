using System.Collections.Immutable;
using Coro.Analyzers;
using Coro.Tests.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Coro.Tests.Generators;

/// <summary>
/// The generator and CORO004 agree: a wrong shape gets no wrapper exactly when CORO004 reports it,
/// once, from the generator or the analyzer, with the reason the shape check gives.
/// </summary>
public class WrongShapeTests
{
    public static TheoryData<string, string> WrongShapes => new()
    {
        {
            "not an iterator",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M() { return new Future[0]; } }"
        },
        {
            "expression-bodied, not an iterator",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M() => new Future[0]; }"
        },
        {
            "only yields inside a lambda",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M() { Func<IEnumerable<int>> f = () => { return new int[0]; }; IEnumerable<int> L() { yield return 1; } return new Future[0]; } }"
        },
        {
            "not partial",
            "public partial class C { [Coroutine] public IEnumerable<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "containing type not partial",
            "public class C { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "outer type not partial",
            "public class Outer { public partial class C { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } } }"
        },
        {
            "async",
            "public partial class C { [Coroutine] public async partial IAsyncEnumerable<Future> M() { await Task.Yield(); yield return Coroutine.Moment; } }"
        },
        {
            "wrong return type",
            "public partial class C { [Coroutine] public partial List<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "IAsyncEnumerable return type",
            "public partial class C { [Coroutine] public partial IAsyncEnumerable<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "wrapper name taken by a method",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } public Future MAsync() => Future.Completed; }"
        },
        {
            "wrapper name taken by a property",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } public int MAsync => 1; }"
        },
        {
            "wrapper name taken by a method another generator wrote",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } [System.CodeDom.Compiler.GeneratedCode(\"Other\", \"1\")] public Future MAsync() => Future.Completed; }"
        },
        {
            "both attributes",
            "public partial class C { [Coroutine, Coroutine<int>] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "defining declaration without an implementation",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M(); }"
        },
        {
            "a ref parameter",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M(ref int x) { yield return Coroutine.Moment; } }"
        },
        {
            "an unknown result type",
            "public partial class C { [Coroutine<Missing>] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "an unknown return type",
            "public partial class C { [Coroutine] public partial Missing M() { yield return Coroutine.Moment; } }"
        },
        {
            "a file-local type",
            "file partial class C { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "async, in a type that is not partial",
            "public class C { [Coroutine] public async partial IAsyncEnumerable<Future> M() { await Task.Yield(); yield return Coroutine.Moment; } }"
        },
        {
            "the defining declaration carries the attribute, the body returns no iterator",
            "public partial class C { [Coroutine] public partial IEnumerable<Future> M(); public partial IEnumerable<Future> M() => new Future[0]; }"
        },
        {
            "a ResultType that names no type",
            "public partial class C { [Coroutine(ResultType = \"List<TMissing>\")] public partial IEnumerable<Future> M<T>() { yield break; } }"
        },
        {
            "a local function",
            "public partial class C { public void Outer() { [Coroutine] IEnumerable<Future> M() { yield return Coroutine.Moment; } } }"
        },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void Wrong_shapes_get_no_wrapper_and_CORO004_once_with_the_shape_checks_reason(string shape, string code)
    {
        string source = Prelude + code;
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(source));

        string generated = string.Join("\n", result.GeneratedTrees.Select(t => t.ToString()));
        Assert.False(generated.Contains("MAsync", StringComparison.Ordinal), $"{shape}: a wrapper was generated\n{generated}");

        ImmutableArray<Diagnostic> fromGenerator = result.Diagnostics.Where(d => d.Id == "CORO004").ToImmutableArray();
        ImmutableArray<Diagnostic> fromAnalyzer = AnalyzeCoro004(output);
        Assert.True(fromGenerator.IsEmpty != fromAnalyzer.IsEmpty, $"{shape}: generator {fromGenerator.Length}, analyzer {fromAnalyzer.Length}");

        // Each reason once, and the very reasons the shared shape check gives.
        ImmutableArray<Diagnostic> reported = fromGenerator.IsEmpty ? fromAnalyzer : fromGenerator;
        string[] messages = reported.Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(messages.Distinct().Count(), messages.Length);
        Assert.Equal(ExpectedReasons(output).OrderBy(m => m, StringComparer.Ordinal), messages.OrderBy(m => m, StringComparer.Ordinal));
        Assert.All(reported, d => Assert.Equal("M", output.SyntaxTrees.First().GetText().ToString(d.Location.SourceSpan)));

        // Where the analyzer reports, nothing the compiler says hides it on `dotnet build`.
        if (!fromAnalyzer.IsEmpty)
        {
            Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    public static TheoryData<string, string> RightShapes => new()
    {
        { "an overload of the wrapper with other parameter types", "public partial class C { [Coroutine<int>] public static partial IEnumerable<Future> M(int n) { yield return Coroutine.Return(n); } public static Future<int> MAsync(string s) => Future.FromResult(s.Length); }" },
        { "the defining declaration written by the user", "public partial class C { [Coroutine] public partial IEnumerable<Future> M(); public partial IEnumerable<Future> M() { yield break; } }" },
        { "a nested generic struct", "public static partial class O { partial struct S<T> { [Coroutine] internal partial IEnumerator M(T t) { yield break; } } }" },
    };

    [Theory]
    [MemberData(nameof(RightShapes))]
    public void Right_shapes_get_a_wrapper_and_no_CORO004(string shape, string code)
    {
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(Prelude + code));

        Assert.Contains("MAsync", string.Join("\n", result.GeneratedTrees.Select(t => t.ToString())));
        Assert.Empty(result.Diagnostics);
        Assert.True(AnalyzeCoro004(output).IsEmpty, shape);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// The parser checks nothing the shape check decides: every marked method that the check passes,
    /// in every golden input and right shape, gets its wrapper (a drift between the two would leave a
    /// method with no wrapper and no diagnostic).
    /// </summary>
    [Fact]
    public void Every_method_the_shape_check_passes_gets_its_wrapper()
    {
        IEnumerable<string> inputs = GoldenFiles.Shapes.Select(GoldenFiles.Input)
            .Concat(RightShapes.Select(row => Prelude + (string)row[1]));
        int checkedMethods = 0;
        foreach (string input in inputs)
        {
            var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(input));
            string generated = string.Join("\n", result.GeneratedTrees.Select(t => t.ToString()));
            SyntaxTree tree = output.SyntaxTrees.First();
            SemanticModel model = output.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not IMethodSymbol method
                    || (declaration.Body is null && declaration.ExpressionBody is null)
                    || Problems(method, output) is not { Length: 0 })
                {
                    continue;
                }

                checkedMethods++;
                Assert.Contains(" " + method.Name + "Async", generated);
            }
        }

        Assert.True(checkedMethods > 20, $"only {checkedMethods} methods were checked");
    }

    private const string Prelude = "using System; using System.Collections; using System.Collections.Generic; using System.Threading.Tasks; using Coro;\nnamespace Demo;\n";

    private static ImmutableArray<Diagnostic> AnalyzeCoro004(Compilation compilation) =>
        compilation.WithAnalyzers([new CORO004InvalidCoroutineAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(d => d.Id == "CORO004")
            .ToImmutableArray();

    /// <summary>The messages the shape check's reasons make, for the method named M.</summary>
    private static IEnumerable<string> ExpectedReasons(Compilation compilation)
    {
        IMethodSymbol? method = compilation.SyntaxTrees.First().GetRoot().DescendantNodes()
            .Select(n => compilation.GetSemanticModel(n.SyntaxTree).GetDeclaredSymbol(n) as IMethodSymbol)
            .FirstOrDefault(m => m is { Name: "M" });
        Assert.NotNull(method);
        string[]? reasons = Problems(method, compilation);
        Assert.NotNull(reasons);
        Assert.NotEmpty(reasons);
        return reasons.Select(r => $"[Coroutine] method 'M' {r}");
    }

    /// <summary>The shape check's reasons for a method, or null when it carries no Coroutine attribute.</summary>
    private static string[]? Problems(IMethodSymbol method, Compilation compilation)
    {
        // CoroutineShape is compiled into both Coro.Generators and Coro.Analyzers (one linked file), so
        // the test reaches it by name rather than through two ambiguous internal types.
        Type shapeType = typeof(CORO004InvalidCoroutineAnalyzer).Assembly.GetType("Coro.CoroutineShape", throwOnError: true)!;
        object? shape = shapeType.GetMethod("Check")!.Invoke(null, [method, compilation, CancellationToken.None]);
        if (shape is null)
        {
            return null;
        }

        var problems = (System.Collections.IEnumerable)shapeType.GetProperty("Problems")!.GetValue(shape)!;
        return problems.Cast<object>().Select(p => (string)p.GetType().GetProperty("Reason")!.GetValue(p)!).ToArray();
    }

    [Fact]
    public void A_wrong_shape_does_not_stop_the_right_ones_beside_it()
    {
        const string source = """
            using System.Collections.Generic;
            using Coro;
            namespace Demo;
            public partial class C
            {
                [Coroutine] public partial IEnumerable<Future> Good() { yield return Coroutine.Moment; }
                [Coroutine] public partial IEnumerable<Future> Bad() { return new Future[0]; }
            }
            """;
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compilation(source));

        string generated = Assert.Single(result.GeneratedTrees).ToString();
        Assert.Contains("GoodAsync", generated);
        Assert.DoesNotContain("BadAsync", generated);
    }
}

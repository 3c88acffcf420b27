using System.Collections.Immutable;
using Coro.CodeFixes;
using Coro.Generators;
using Coro.Tests.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;

namespace Coro.Tests.CodeFixes;

/// <summary>
/// <c>[Coroutine&lt;T&gt;]</c> below C# 11 (Unity compiles C# 9): the compiler says CS8773 only; the
/// generator adds CORO008, which names the form that works, and the fix writes it.
/// </summary>
public class CORO008GenericAttributeCodeFixTests
{
    private static readonly CSharpParseOptions s_csharp9 = new(LanguageVersion.CSharp9);

    private const string Source = CoroVerifier.Header + """
        namespace Game
        {
            public partial class Enemy
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> Health()
                {
                    yield return Coroutine.Return(3);
                }

                [Coro.Coroutine<List<string>>]
                public partial IEnumerable<Future> Names()
                {
                    yield return Coroutine.Return(new List<string>());
                }
            }
        }
        """;

    [Fact]
    public void Below_CSharp_11_the_generator_names_the_ResultType_form_once_per_attribute()
    {
        ImmutableArray<Diagnostic> diagnostics = Generate(Source, s_csharp9, out Compilation output);

        string[] messages = [.. diagnostics.Where(d => d.Id == "CORO008").Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(2, messages.Length);
        Assert.Contains(messages, m => m.Contains("[Coroutine(ResultType = \"int\")]", StringComparison.Ordinal) && m.Contains("C# 9", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("[Coroutine(ResultType = \"List<string>\")]", StringComparison.Ordinal));
        Assert.All(diagnostics.Where(d => d.Id == "CORO008"), d => Assert.Equal("Coroutine", SourceAt(d).Split('<')[0].Split('.').Last()));
        Assert.Contains(output.GetDiagnostics(), d => d.Id == "CS8773"); // the compiler's own stays beside it
    }

    [Fact]
    public void At_CSharp_11_there_is_no_CORO008()
    {
        ImmutableArray<Diagnostic> diagnostics = Generate(Source, new CSharpParseOptions(LanguageVersion.Latest), out _);

        Assert.DoesNotContain(diagnostics, d => d.Id == "CORO008");
    }

    [Theory]
    [InlineData("CORO008")]
    [InlineData("CS8773")]
    public async Task The_fix_writes_ResultType_and_the_result_compiles_at_CSharp_9(string id)
    {
        Document document = CodeFixHarness.EmptyDocument(s_csharp9).WithText(Source);
        ImmutableArray<Diagnostic> diagnostics = id == "CORO008"
            ? Generate(Source, s_csharp9, out _)
            : (await document.GetSemanticModelAsync())!.GetDiagnostics();
        ImmutableArray<Diagnostic> targets = [.. diagnostics.Where(d => d.Id == id)];
        Assert.Equal(2, targets.Length);

        var provider = new CORO008GenericAttributeCodeFix();
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, targets[0], (action, _) => actions.Add(action), CancellationToken.None));
        CodeAction fixAll = (await provider.GetFixAllProvider()!.GetFixAsync(new FixAllContext(
            document, provider, FixAllScope.Document, actions.Single().EquivalenceKey, [id],
            new CodeFixHarness.KnownDiagnostics(targets), CancellationToken.None)))!;
        string one = await TextAfter(document, actions.Single());
        string all = await TextAfter(document, fixAll);

        Assert.Contains("[Coroutine(ResultType = \"int\")]", one, StringComparison.Ordinal);
        Assert.Contains("[Coro.Coroutine<List<string>>]", one, StringComparison.Ordinal);
        Assert.Contains("[Coroutine(ResultType = \"int\")]", all, StringComparison.Ordinal);
        Assert.Contains("[Coro.Coroutine(ResultType = \"List<string>\")]", all, StringComparison.Ordinal);

        // With the generator, at C# 9: no error left, and the wrappers have the result types.
        ImmutableArray<Diagnostic> after = Generate(all, s_csharp9, out Compilation compiled);
        Assert.DoesNotContain(after.Concat(compiled.GetDiagnostics()), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("Future<int> HealthAsync", string.Join("\n", compiled.SyntaxTrees.Select(t => t.ToString())), StringComparison.Ordinal);
        Assert.Contains("Future<global::System.Collections.Generic.List<string>> NamesAsync", string.Join("\n", compiled.SyntaxTrees.Select(t => t.ToString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_library_s_generic_Coroutine_attribute_is_left_alone()
    {
        const string Other = CoroVerifier.Header + """
            namespace Other
            {
                public sealed class CoroutineAttribute<T> : System.Attribute { }

                public class Uses
                {
                    [Coroutine<int>]
                    public void M() { }
                }
            }
            """;
        Document document = CodeFixHarness.EmptyDocument(s_csharp9).WithText(Other);
        Diagnostic cs8773 = (await document.GetSemanticModelAsync())!.GetDiagnostics().Single(d => d.Id == "CS8773" && d.Location.SourceSpan.Start > Other.IndexOf("[Coroutine<int>]", StringComparison.Ordinal));

        var actions = new List<CodeAction>();
        await new CORO008GenericAttributeCodeFix().RegisterCodeFixesAsync(new CodeFixContext(document, cs8773, (action, _) => actions.Add(action), CancellationToken.None));

        Assert.Empty(actions);
    }

    private static ImmutableArray<Diagnostic> Generate(string source, CSharpParseOptions options, out Compilation output)
    {
        var compilation = CSharpCompilation.Create(
            "Unity",
            [CSharpSyntaxTree.ParseText(source, options, path: "Enemy.cs")],
            CoroVerifier.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        CSharpGeneratorDriver.Create([new CoroutineGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out output, out ImmutableArray<Diagnostic> diagnostics);
        return diagnostics;
    }

    private static string SourceAt(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length);

    private static async Task<string> TextAfter(Document document, CodeAction action)
    {
        ApplyChangesOperation change = (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
        return (await change.ChangedSolution.GetDocument(document.Id)!.GetTextAsync()).ToString();
    }
}

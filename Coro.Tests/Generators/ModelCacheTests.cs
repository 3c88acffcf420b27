using System.Runtime.CompilerServices;
using Coro.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Tests.Generators;

/// <summary>
/// A method's model is reused only while the compilation declares the same things: the generator
/// keeps models across edits inside bodies, and makes them again after any edit that could change one.
/// </summary>
public class ModelCacheTests
{
    private const string Coroutines = """
        using System.Collections.Generic;
        using Coro;
        namespace Demo;
        public partial class Worker
        {
            [Coroutine<int>]
            public partial IEnumerable<Future> Step(int count)
            {
                yield return Coroutine.Moment;
                yield return Coroutine.Return(count + 1);
            }
        }
        """;

    private const string Other = """
        namespace Demo;
        public class Other
        {
            public int Value() { return 1; }
        }
        """;

    [Fact]
    public void An_edit_inside_a_body_keeps_the_models()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Coroutines, Other);

        CSharpCompilation edited = Edit(compilation, 1, Other.Replace("return 1;", "return 2;"));

        Assert.Same(ModelCache.For(compilation, default), ModelCache.For(edited, default));
    }

    [Fact]
    public void The_models_outlive_the_compilation_they_were_made_in()
    {
        // The IDE drops the compilation before an edit once it has the next one.
        (ModelCache run, CSharpCompilation edited, WeakReference first) = EditAndDropTheFirst();
        for (int i = 0; i < 10 && first.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(first.IsAlive, "the first compilation was not collected");
        Assert.Same(run, ModelCache.For(edited, default));
    }

    [Theory]
    [InlineData("a member added", "public int Value() { return 1; }", "public int Value() { return 1; } public int More() => 2;")]
    [InlineData("a signature changed", "public int Value()", "public long Value()")]
    [InlineData("a #nullable added between members", "    public int Value()", "#nullable disable\n    public int Value()")]
    public void An_edit_outside_bodies_starts_over(string edit, string before, string after)
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Coroutines, Other);

        CSharpCompilation edited = Edit(compilation, 1, Other.Replace(before, after));

        Assert.True(ModelCache.For(compilation, default) != ModelCache.For(edited, default), edit);
    }

    [Fact]
    public void A_nullable_directive_moved_past_a_declaration_starts_over()
    {
        // The same directives and the same declarations, but the method now sits where annotations are off.
        const string before = "namespace Demo;\npublic class Other\n{\n    public string? A() { return null; }\n#nullable disable\n}\n";
        const string after = "namespace Demo;\npublic class Other\n{\n#nullable disable\n    public string? A() { return null; }\n}\n";
        CSharpCompilation compilation = GeneratorHarness.Compilation(Coroutines, before);

        CSharpCompilation edited = Edit(compilation, 1, after);

        Assert.NotSame(ModelCache.For(compilation, default), ModelCache.For(edited, default));
    }

    [Fact]
    public void Other_options_or_references_start_over()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Coroutines, Other);
        ModelCache run = ModelCache.For(compilation, default);

        Assert.NotSame(run, ModelCache.For(compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable)), default));
        Assert.NotSame(run, ModelCache.For(compilation.RemoveReferences(compilation.References.Last()), default));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (ModelCache Run, CSharpCompilation Edited, WeakReference First) EditAndDropTheFirst()
    {
        CSharpCompilation compilation = GeneratorHarness.Compilation(Coroutines, Other);
        ModelCache run = ModelCache.For(compilation, default);
        CSharpCompilation edited = Edit(compilation, 1, Other.Replace("return 1;", "return 2;"));
        return (run, edited, new WeakReference(compilation));
    }

    private static CSharpCompilation Edit(CSharpCompilation compilation, int tree, string after)
    {
        SyntaxTree old = compilation.SyntaxTrees.ElementAt(tree);
        Assert.NotEqual(old.ToString(), after);
        return compilation.ReplaceSyntaxTree(old, old.WithChangedText(SourceText.From(after)));
    }
}

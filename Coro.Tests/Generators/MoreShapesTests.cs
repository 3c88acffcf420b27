namespace Coro.Tests.Generators;

/// <summary>Shapes beyond the golden files: the generated code compiles without warnings.</summary>
public class MoreShapesTests
{
    // readonly and ref structs (a partial redeclaration need not repeat those modifiers), virtual and
    // override bodies, a params collection, a primary constructor parameter named like a local.
    [Theory]
    [InlineData("internal readonly partial struct S { [Coroutine] public static partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }")]
    [InlineData("internal ref partial struct S { [Coroutine] public static partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }")]
    [InlineData("internal readonly ref partial struct S { [Coroutine] public static partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }")]
    [InlineData("internal abstract partial class S { [Coroutine] protected virtual partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }")]
    [InlineData("internal sealed partial class S : B { [Coroutine] public override partial IEnumerable<Future> M() { yield return Coroutine.Moment; } } internal class B { public virtual IEnumerable<Future> M() { yield break; } }")]
    [InlineData("internal partial class S { [Coroutine] public partial IEnumerable<Future> M(params List<int> xs) { yield return Coroutine.Moment; } }")]
    [InlineData("internal partial class S(int future) { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Return(future); } }")]
    [InlineData("internal partial interface I { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }")]
    [InlineData("internal partial record struct P<T>(T Value) where T : struct { internal static partial class Inner { [Coroutine<int>] internal static partial IEnumerator<object> M(T value) { yield return Coroutine.Return(1); } } }")]
    [InlineData("internal partial class C { [Coroutine] internal partial IEnumerable<Future> M((int Id, string? Name) pair, int?[] maybes, Func<(int, string), Task<int>> f) { yield return Coroutine.Moment; } }")]
    public void Generated_code_compiles_clean(string code)
    {
        string source = "using System; using System.Collections.Generic; using System.Threading.Tasks; using Coro;\nnamespace Demo;\n" + code;
        var (result, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(source));
        Assert.NotEmpty(result.GeneratedTrees);
        GeneratorHarness.AssertClean(output);
    }
}

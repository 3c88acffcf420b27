namespace Coro.Tests.Generators;

/// <summary>Wrong shapes get no output and no exception: the analyzers (CORO004) report them.</summary>
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
            "a file-local type",
            "file partial class C { [Coroutine] public partial IEnumerable<Future> M() { yield return Coroutine.Moment; } }"
        },
        {
            "a local function",
            "public partial class C { public void Outer() { [Coroutine] IEnumerable<Future> M() { yield return Coroutine.Moment; } } }"
        },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void Wrong_shapes_get_no_output(string shape, string code)
    {
        string source = "using System; using System.Collections.Generic; using System.Threading.Tasks; using Coro;\nnamespace Demo;\n" + code;
        var (result, _) = GeneratorHarness.Run(GeneratorHarness.Compilation(source));

        Assert.True(result.GeneratedTrees.IsEmpty, $"{shape}: generated\n{string.Join("\n", result.GeneratedTrees.Select(t => t.ToString()))}");
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

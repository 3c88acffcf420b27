using System.Collections.Immutable;
using Coro.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace Coro.Tests.Analyzers;

/// <summary>
/// CORO002's table extended and narrowed through <c>AdditionalFiles</c>: <c>Coro.BlockingCalls.txt</c>,
/// <c>Coro.BlockingCallsExcluded.txt</c>, Unity's <c>BlockingCalls.Coro.Analyzers.additionalfile</c>, and
/// CORO009 for a line that cannot be read.
/// </summary>
public class CORO002BlockingCallListTests
{
    private const string Db = """
        namespace Shop.Data
        {
            public sealed class Db
            {
                public int Query(string sql) => 0;
                public int Query(string sql, int timeout) => 0;
                public void Load() { }
                public int Count => 0;

                public sealed class Cursor
                {
                    public bool Next() => false;
                }
            }
        }

        """;

    private static string Body(string body) => Db + $$"""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M(Shop.Data.Db db, Shop.Data.Db.Cursor cursor);
            public partial IEnumerable<Future> M(Shop.Data.Db db, Shop.Data.Db.Cursor cursor)
            {
        {{body}}
            }
        }
        """;

    private static Task Verify(string body, (string Path, string Text)[] files, params DiagnosticResult[] expected) =>
        CoroVerifier.VerifyAnalyzerAsync<CORO002BlockingCallAnalyzer>(Body(body), files, expected);

    private static readonly ImmutableArray<DiagnosticDescriptor> s_descriptors = new CORO002BlockingCallAnalyzer().SupportedDiagnostics;

    private static DiagnosticResult Blocking(string call, string advice) =>
        new DiagnosticResult(s_descriptors.Single(d => d.Id == "CORO002")).WithArguments(call, advice);

    private static DiagnosticResult Unreadable(string path, int line, int column, int endColumn, string message) =>
        new DiagnosticResult(s_descriptors.Single(d => d.Id == "CORO009"))
            .WithSpan(path, line, column, line, endColumn)
            .WithArguments(BlockingCallList.FileName(path), line.ToString(System.Globalization.CultureInfo.InvariantCulture), message);

    [Fact]
    public Task An_added_call_is_reported_with_its_advice_every_overload_and_nested_types_too() => Verify("""
                int n = {|#0:db.Query("select 1")|} + {|#1:db.Query("select 2", 5)|};
                {|#2:db.Load()|};
                bool more = {|#3:cursor.Next()|};
                Console.WriteLine(n + db.Count);
                yield break;
        """,
        [("Coro.BlockingCalls.txt", """
            # Shop.Data's synchronous calls
            [Shop.Data.Db]::Query => yield db.QueryFuture(sql) instead

               [Shop.Data.Db]::Load
            [Shop.Data.Db+Cursor]::Next=>yield cursor.NextFuture() instead
            """)],
        Blocking("Db.Query", "yield db.QueryFuture(sql) instead").WithLocation(0),
        Blocking("Db.Query", "yield db.QueryFuture(sql) instead").WithLocation(1),
        Blocking("Db.Load", "yield a future for its work instead (listed in Coro.BlockingCalls.txt)").WithLocation(2),
        Blocking("Cursor.Next", "yield cursor.NextFuture() instead").WithLocation(3));

    [Fact]
    public Task An_added_built_in_call_takes_the_new_advice_and_an_added_call_the_table_ignored_is_reported() => Verify("""
                {|#0:Thread.Sleep(10)|};
                {|#1:Console.Out.WriteLine("progress")|};
                Console.Out.Write("still not blocking");
                yield break;
        """,
        [("Coro.BlockingCalls.txt", "[System.Threading.Thread]::Sleep => nap on a timer instead\n[System.IO.TextWriter]::WriteLine\n")],
        Blocking("Thread.Sleep", "nap on a timer instead").WithLocation(0),
        Blocking("TextWriter.WriteLine", "yield a future for its work instead (listed in Coro.BlockingCalls.txt)").WithLocation(1));

    [Fact]
    public Task An_excluded_call_is_no_longer_reported_whether_built_in_added_or_found_by_its_twin() => Verify("""
                Thread.Sleep(10);
                {|CORO002:Thread.CurrentThread.Join()|};
                db.Query("select 1");
                Console.Out.Flush();
                {|CORO002:Console.Out.Close()|};
                yield break;
        """,
        [
            ("Coro.BlockingCalls.txt", "[Shop.Data.Db]::Query\n[System.IO.TextWriter]::Close\n"),
            ("Coro.BlockingCallsExcluded.txt", """
                # sleeping is what this test wants
                [System.Threading.Thread]::Sleep
                [Shop.Data.Db]::Query

                # TextWriter.FlushAsync exists, and the flush is cheap here
                [System.IO.TextWriter]::Flush
                """),
        ]);

    [Fact]
    public Task Unity_names_the_files_after_the_analyzer_assembly() => Verify("""
                Thread.Sleep(10);
                {|#0:db.Load()|};
                yield break;
        """,
        [
            ("Assets/Coro/BlockingCalls.Coro.Analyzers.additionalfile", "[Shop.Data.Db]::Load => yield db.LoadFuture() instead\n"),
            ("Assets/Coro/BlockingCallsExcluded.Coro.Analyzers.additionalfile", "[System.Threading.Thread]::Sleep\n"),
        ],
        Blocking("Db.Load", "yield db.LoadFuture() instead").WithLocation(0));

    [Fact]
    public Task Files_named_after_the_list_are_read_and_other_names_are_not() => Verify("""
                {|CORO002:db.Load()|};
                db.Query("select 1");
                {|CORO002:Thread.Sleep(10)|};
                yield break;
        """,
        [
            ("packages/Shop.Data/Coro.BlockingCalls.Shop.Data.txt", "[Shop.Data.Db]::Load\n"),
            ("BlockingCalls.txt", "[Shop.Data.Db]::Query\n"),
            ("Coro.BlockingCallsExtra.txt", "[Shop.Data.Db]::Query\n"),
            ("BlockingCallsExcluded.Other.Analyzers.additionalfile", "[System.Threading.Thread]::Sleep\n"),
        ]);

    [Fact]
    public Task A_line_that_cannot_be_read_is_CORO009_at_its_file_and_line_and_the_others_still_count() => Verify("""
                {|CORO002:db.Load()|};
                yield break;
        """,
        [
            ("Coro.BlockingCalls.txt", """
                # comment

                Shop.Data.Db.Load
                [Shop.Data.Dbb]::Load
                  [Shop.Data.Db]::Save
                [Shop.Data.Db]::Count
                [Shop.Data.Db]::Load =>
                [Shop.Data.Db]::Load()
                [Shop.Data.Db]::Load
                """),
            ("config/Coro.BlockingCallsExcluded.txt", "[System.Threading.Thread]::Sleep => nothing\n"),
        ],
        Unreadable("Coro.BlockingCalls.txt", 3, 1, 18, "expected '[Namespace.Type]::Member', optionally followed by '=> what to yield instead'"),
        Unreadable("Coro.BlockingCalls.txt", 4, 1, 22, "no type 'Shop.Data.Dbb' is known to this compilation (write its metadata name: Namespace.Outer+Inner, List`1)"),
        Unreadable("Coro.BlockingCalls.txt", 5, 3, 23, "'Shop.Data.Db' has no method 'Save'"),
        Unreadable("Coro.BlockingCalls.txt", 6, 1, 22, "'Shop.Data.Db' has no method 'Count'"),
        Unreadable("Coro.BlockingCalls.txt", 7, 1, 24, "'=>' is followed by nothing: write what to yield instead, or leave out the '=>'"),
        Unreadable("Coro.BlockingCalls.txt", 8, 1, 23, "expected '[Namespace.Type]::Member': the member after '::' is one method name such as Sleep"),
        Unreadable("config/Coro.BlockingCallsExcluded.txt", 1, 1, 44, "an excluded call takes no '=> advice'"));

    [Fact]
    public Task Only_System_Threading_CancellationToken_is_the_extra_parameter_a_twin_may_require() =>
        CoroVerifier.VerifyAnalyzerAsync<CORO002BlockingCallAnalyzer>("""
            namespace Other.System.Threading
            {
                public struct CancellationToken { }
            }

            static class Io
            {
                public static string Read(string path) => path;
                public static Task<string> ReadAsync(string path, Other.System.Threading.CancellationToken token) => Task.FromResult(path);
                public static string Write(string path) => path;
                public static Task<string> WriteAsync(string path, global::System.Threading.CancellationToken token) => Task.FromResult(path);
            }

            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    Io.Read("a");
                    {|CORO002:Io.Write("a")|};
                    yield break;
                }
            }
            """);

    [Theory]
    [InlineData("Coro.BlockingCalls.txt", "Added")]
    [InlineData("/src/app/coro.blockingcalls.TXT", "Added")]
    [InlineData(@"C:\src\Coro.BlockingCalls.Vendor.Db.txt", "Added")]
    [InlineData("Assets/BlockingCalls.Coro.Analyzers.additionalfile", "Added")]
    [InlineData("Coro.BlockingCallsExcluded.txt", "Excluded")]
    [InlineData("Coro.BlockingCallsExcluded.Tests.txt", "Excluded")]
    [InlineData("Assets/Plugins/BlockingCallsExcluded.Coro.Analyzers.additionalfile", "Excluded")]
    [InlineData("Coro.BlockingCalls.md", "None")]
    [InlineData("Coro.BlockingCalls..txt", "None")]
    [InlineData("MyCoro.BlockingCalls.txt", "None")]
    [InlineData("Coro.BlockingCalls.additionalfile", "None")]
    [InlineData("BlockingCalls.Coro.Generators.additionalfile", "None")]
    [InlineData("Shop.BlockingCalls.Coro.Analyzers.additionalfile", "None")]
    [InlineData("", "None")]
    public void A_file_is_read_by_its_name(string path, string kind) => Assert.Equal(kind, BlockingCallList.KindOf(path).ToString());

    /// <summary>Robustness: every prefix of every line of a file, and lines of stray characters, give
    /// CORO009 or nothing, never an analyzer exception (AD0001).</summary>
    [Fact]
    public async Task Any_text_in_the_files_gives_CORO009_or_nothing_and_never_an_exception()
    {
        const string Sample = "# c\n[Shop.Data.Db]::Query => yield db.QueryFuture(sql) instead\n[Shop.Data.Db+Cursor]::Next\n[System.Collections.Generic.List`1]::Add\n";
        var texts = new List<string>();
        for (int length = 0; length <= Sample.Length; length++)
        {
            texts.Add(Sample[..length]);
        }

        texts.AddRange(["[", "]::", "[]::", "[::]", "[ ]:: ", "=>", "[a]::b=>", "\0\r\n\u2028[x]::y", "[System.Threading.Thread]::", "[[x]]::y", "[x]::y z"]);
        CSharpCompilationWithCoro compilation = new(Body("db.Load(); yield break;"));
        int unreadable = 0;
        foreach (string text in texts)
        {
            foreach (string path in new[] { "Coro.BlockingCalls.txt", "Coro.BlockingCallsExcluded.txt" })
            {
                var exceptions = new List<string>();
                ImmutableArray<Diagnostic> diagnostics = await compilation.AnalyzeAsync(path, text, exceptions);
                Assert.Empty(exceptions);
                Assert.All(diagnostics, d => Assert.True(d.Id is "CORO002" or "CORO009", d.ToString()));
                unreadable += diagnostics.Count(d => d.Id == "CORO009");
                if (text == "[")
                {
                    Assert.Single(diagnostics, d => d.Id == "CORO009");
                }
            }
        }

        Assert.True(unreadable > texts.Count, $"only {unreadable} CORO009 for {texts.Count} texts, each read as both files");
    }

    /// <summary>A compilation with the CORO002 analyzer and one additional file, outside the test framework.</summary>
    private sealed class CSharpCompilationWithCoro(string source)
    {
        private readonly Compilation _compilation = AnalyzerHarness.Compile(CoroVerifier.Header + source);

        public Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string path, string text, List<string> exceptions)
        {
            var options = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([new InMemoryText(path, text)]),
                onAnalyzerException: (exception, _, _) => exceptions.Add(exception.ToString()),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: false);
            return _compilation.WithAnalyzers([new CORO002BlockingCallAnalyzer()], options).GetAnalyzerDiagnosticsAsync();
        }
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}

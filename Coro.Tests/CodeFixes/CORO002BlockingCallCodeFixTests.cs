using Coro.Analyzers;
using Coro.CodeFixes;
using Coro.Tests.Analyzers;
using Microsoft.CodeAnalysis.Testing;

namespace Coro.Tests.CodeFixes;

public class CORO002BlockingCallCodeFixTests
{
    private const string Helpers = """
        static class Io
        {
            public static string Read(string path) => path;
            public static Task<string> ReadAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(path);
            public static void Send(int value) { }
            public static ValueTask SendAsync(int value) => default;
            public static int Parse(string text) => 0;
            public static ValueTask<int> ParseAsync(string text) => default;
        }

        """;

    [Fact]
    public Task Thread_sleep_becomes_coroutine_sleep_including_fix_all() =>
        CoroVerifier.VerifyFixAsync<CORO002BlockingCallAnalyzer, CORO002BlockingCallCodeFix>("""
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M(int ms);
                public partial IEnumerable<Future> M(int ms)
                {
                    {|CORO002:Thread.Sleep(100)|};
                    // then a second nap
                    {|CORO002:Thread.Sleep(TimeSpan.FromSeconds(ms))|}; // trailing
                    yield break;
                }
            }
            """, """
            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M(int ms);
                public partial IEnumerable<Future> M(int ms)
                {
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(100));
                    // then a second nap
                    yield return Coroutine.Sleep(TimeSpan.FromSeconds(ms)); // trailing
                    yield break;
                }
            }
            """);

    [Fact]
    public Task Thread_sleep_keeps_its_fix_when_Coro_BlockingCalls_txt_gives_it_other_advice_and_added_calls_get_their_twin() =>
        CoroVerifier.VerifyFixAsync<CORO002BlockingCallAnalyzer, CORO002BlockingCallCodeFix>(Helpers + """
            static class Shop
            {
                public static void Save(int value) { }
                public static Task SaveAsync(int value) => Task.CompletedTask;
            }

            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    {|#0:Thread.Sleep(100)|};
                    {|#1:Shop.Save(1)|};
                    yield break;
                }
            }
            """, Helpers + """
            static class Shop
            {
                public static void Save(int value) { }
                public static Task SaveAsync(int value) => Task.CompletedTask;
            }

            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    yield return Coroutine.Sleep(TimeSpan.FromMilliseconds(100));
                    yield return Shop.SaveAsync(1);
                    yield break;
                }
            }
            """,
            [("Coro.BlockingCalls.txt", "[System.Threading.Thread]::Sleep => nap on a timer instead\n[Shop]::Save => save later\n")],
            new DiagnosticResult(new CORO002BlockingCallAnalyzer().SupportedDiagnostics[0]).WithLocation(0).WithArguments("Thread.Sleep", "nap on a timer instead"),
            new DiagnosticResult(new CORO002BlockingCallAnalyzer().SupportedDiagnostics[0]).WithLocation(1).WithArguments("Shop.Save", "save later"));

    [Fact]
    public Task Waits_and_results_on_tasks_become_yields() =>
        CoroVerifier.VerifyFixAsync<CORO002BlockingCallAnalyzer, CORO002BlockingCallCodeFix>("""
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<object> M(Task<int> t, Task u);
                public partial IEnumerable<object> M(Task<int> t, Task u)
                {
                    {|CORO002:u.Wait()|};
                    int x = {|CORO002:t.Result|};
                    yield return Coroutine.Return(x);
                }
            }
            """, """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<object> M(Task<int> t, Task u);
                public partial IEnumerable<object> M(Task<int> t, Task u)
                {
                    yield return u;
                    yield return t;
                    int x = t.Result;
                    yield return Coroutine.Return(x);
                }
            }
            """);

    [Fact]
    public Task Calls_with_a_twin_yield_the_twin_and_read_its_result() =>
        CoroVerifier.VerifyFixAsync<CORO002BlockingCallAnalyzer, CORO002BlockingCallCodeFix>(Helpers + """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    string text = {|CORO002:Io.Read("a")|};
                    {|CORO002:Io.Send(text.Length)|};
                    var n = {|CORO002:Io.Parse(text)|};
                    yield return Coroutine.Return(n);
                }
            }
            """, Helpers + """
            partial class C
            {
                [Coroutine<int>]
                public partial IEnumerable<Future> M();
                public partial IEnumerable<Future> M()
                {
                    var textFuture = Future.FromTask(Io.ReadAsync("a"));
                    yield return textFuture;
                    string text = textFuture.Result;
                    yield return Io.SendAsync(text.Length);
                    var nFuture = Future.FromValueTask(Io.ParseAsync(text));
                    yield return nFuture;
                    var n = nFuture.Result;
                    yield return Coroutine.Return(n);
                }
            }
            """);

    [Fact]
    public Task Instance_extension_and_semaphore_twins_are_used_and_names_stay_free() =>
        CoroVerifier.VerifyFixAsync<CORO002BlockingCallAnalyzer, CORO002BlockingCallCodeFix>("""
            sealed class Channel
            {
                public int Receive() => 0;
                public Future<int> ReceiveAsync() => Future.FromResult(0);
            }

            static class ChannelExtensions
            {
                public static void Post(this Channel channel, string message) { }
                public static Task PostAsync(this Channel channel, string message) => Task.CompletedTask;
            }

            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M(Channel channel, SemaphoreSlim gate);
                public partial IEnumerable<Future> M(Channel channel, SemaphoreSlim gate)
                {
                    {|CORO002:gate.Wait()|};
                    int nFuture = 1;
                    int n = {|CORO002:channel.Receive()|};
                    {|CORO002:channel.Post("n=" + n + nFuture)|};
                    gate.Release();
                    yield break;
                }
            }
            """, """
            sealed class Channel
            {
                public int Receive() => 0;
                public Future<int> ReceiveAsync() => Future.FromResult(0);
            }

            static class ChannelExtensions
            {
                public static void Post(this Channel channel, string message) { }
                public static Task PostAsync(this Channel channel, string message) => Task.CompletedTask;
            }

            partial class C
            {
                [Coroutine]
                public partial IEnumerable<Future> M(Channel channel, SemaphoreSlim gate);
                public partial IEnumerable<Future> M(Channel channel, SemaphoreSlim gate)
                {
                    yield return gate.WaitAsync();
                    int nFuture = 1;
                    var nFuture2 = channel.ReceiveAsync();
                    yield return nFuture2;
                    int n = nFuture2.Result;
                    yield return channel.PostAsync("n=" + n + nFuture);
                    gate.Release();
                    yield break;
                }
            }
            """);
}

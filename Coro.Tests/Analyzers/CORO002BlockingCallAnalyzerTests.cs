using Coro.Analyzers;

namespace Coro.Tests.Analyzers;

public class CORO002BlockingCallAnalyzerTests
{
    private const string Helpers = """
        static class Io
        {
            public static string Read(string path) => path;
            public static Task<string> ReadAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(path);
            public static void Send(int value) { }
            public static ValueTask SendAsync(int value) => default;
            public static int Count() => 0;
            [Obsolete] public static Task<int> CountAsync() => Task.FromResult(0);
            public static void Flush(int a) { }
            public static Task FlushAsync(Stream s) => Task.CompletedTask;
        }

        sealed class Stream { }

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

        """;

    private static Task Verify(string body, string parameters = "Task<int> t, bool b") =>
        CoroVerifier.VerifyAnalyzerAsync<CORO002BlockingCallAnalyzer>(Helpers + $$"""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> M({{parameters}});
            public partial IEnumerable<Future> M({{parameters}})
            {
        {{body}}
            }
        }
        """);

    // Positive cases.

    [Fact]
    public Task Thread_sleep_and_join_are_reported() => Verify("""
                {|CORO002:Thread.Sleep(100)|};
                {|CORO002:Thread.Sleep(TimeSpan.FromSeconds(1))|};
                {|CORO002:Thread.CurrentThread.Join()|};
                yield break;
        """);

    [Fact]
    public Task Task_waits_are_reported() => Verify("""
                {|CORO002:t.Wait()|};
                {|CORO002:Task.WaitAll(t)|};
                {|CORO002:Task.WaitAny(t)|};
                {|CORO002:t.Wait(10)|};
                yield break;
        """);

    [Fact]
    public Task Task_result_before_yielding_the_task_is_reported() => Verify("""
                int a = {|CORO002:t.Result|};
                int c = {|CORO002:Task.Run(() => 1).GetAwaiter().GetResult()|};
                int e = t.Result; // t.Result above either threw or t is done: not reported twice
                int d = {|CORO002:Task.FromResult(1).Result|};
                if (b)
                {
                    yield return t;
                }

                Console.WriteLine(a + c + d + e);
        """);

    [Fact]
    public Task Wait_handles_monitors_semaphores_and_nested_loops_are_reported() => Verify("""
                using var signal = new ManualResetEvent(false);
                {|CORO002:signal.WaitOne()|};
                {|CORO002:WaitHandle.WaitAll(new WaitHandle[] { signal })|};
                var gate = new object();
                {|CORO002:Monitor.Wait(gate)|};
                using var semaphore = new SemaphoreSlim(1);
                {|CORO002:semaphore.Wait()|};
                using var slim = new ManualResetEventSlim();
                {|CORO002:slim.Wait()|};
                {|CORO002:EventLoop.Run(() => Future.Completed)|};
                yield break;
        """);

    [Fact]
    public Task Calls_with_an_async_twin_are_reported() => Verify("""
                string text = {|CORO002:Io.Read("a")|};
                {|CORO002:Io.Send(1)|};
                var channel = new Channel();
                int received = {|CORO002:channel.Receive()|};
                {|CORO002:channel.Post("hi")|};
                yield break;
        """);

    // Negative cases.

    [Fact]
    public Task Calls_whose_twin_is_not_about_blocking_are_accepted() => Verify("""
                using var source = new CancellationTokenSource();
                source.Cancel();
                System.IO.TextWriter output = Console.Out;
                output.Write("progress");
                output.WriteLine(42);
                Console.Error.WriteLine("done");
                yield break;
        """);

    [Fact]
    public Task Results_of_yielded_tasks_are_not_blocking() => Verify("""
                yield return t;
                int a = t.Result + t.GetAwaiter().GetResult();
                Task<string> s = Task.FromResult("x");
                yield return s;
                Console.WriteLine(s.Result + a);
        """);

    [Fact]
    public Task Async_calls_and_calls_without_a_usable_twin_are_accepted() => Verify("""
                yield return Io.ReadAsync("a");
                yield return Coroutine.Sleep(TimeSpan.FromSeconds(1));
                int n = Io.Count();
                Io.Flush(n);
                Console.WriteLine(n);
                var list = new List<int> { n };
                list.Add(2);
        """);

    [Fact]
    public Task Lambdas_and_local_functions_inside_the_body_may_block() => Verify("""
                Action nap = () => Thread.Sleep(10);
                Func<int> read = () => t.Result;
                void Wait() => t.Wait();
                yield return Task.Run(() => { Thread.Sleep(100); return Io.Read("x"); });
                yield return Coroutine.Start(Inner());

                IEnumerable<Future> Inner()
                {
                    Thread.Sleep(1);
                    yield break;
                }
        """);

    [Fact]
    public Task A_method_that_is_not_a_coroutine_may_block() => CoroVerifier.VerifyAnalyzerAsync<CORO002BlockingCallAnalyzer>(Helpers + """
        class C
        {
            public IEnumerable<Future> M(Task<int> t)
            {
                Thread.Sleep(100);
                t.Wait();
                Console.WriteLine(t.Result + Io.Read("a"));
                yield break;
            }

            public int N(Task<int> t) => t.Result;
        }
        """);

    [Fact]
    public Task The_coroutine_wrapper_and_its_other_bodies_are_not_twins() => CoroVerifier.VerifyAnalyzerAsync<CORO002BlockingCallAnalyzer>("""
        partial class C
        {
            [Coroutine]
            public partial IEnumerable<Future> Step();
            public partial IEnumerable<Future> Step() { yield break; }
            [GeneratedCode("Coro.Generators", "1")]
            public Future StepAsync() => default!;

            [Coroutine]
            public partial IEnumerable<Future> M(bool again);
            public partial IEnumerable<Future> M(bool again)
            {
                yield return StepAsync();
                yield return Coroutine.Start(Step());
            }

            [GeneratedCode("Coro.Generators", "1")]
            public Future MAsync(bool again) => default!;
        }
        """);
}

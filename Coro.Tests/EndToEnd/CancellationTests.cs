using System.Reflection;
using System.Runtime.Loader;
using Coro.Tests.Generators;

namespace Coro.Tests.EndToEnd;

/// <summary>A [Coroutine] with a CancellationToken parameter: cancelling the token cancels the coroutine.</summary>
public class CancellationTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using Coro;

        namespace Demo;

        public partial class Worker
        {
            public List<string> Log { get; } = new();

            [Coroutine<int>]
            public partial IEnumerable<Future> Wait(TimeSpan delay, CancellationToken token)
            {
                Log.Add("started");
                try
                {
                    yield return Coroutine.Sleep(delay);
                    Log.Add("slept");
                }
                finally
                {
                    Log.Add("finally");
                }

                yield return Coroutine.Return(1);
            }
        }
        """;

    [Fact]
    public void Cancelling_the_token_cancels_the_running_coroutine_and_runs_its_finally_block()
    {
        WithWorker((wait, log) =>
        {
            using var cts = new CancellationTokenSource();
            Future<int>? future = null;
            EventLoop.Run(
                () =>
                {
                    future = wait(TimeSpan.FromSeconds(30), cts.Token);
                    Assert.False(future.IsDone); // running: waiting on its sleep
                    EventLoop.Current!.CallLater(TimeSpan.FromMilliseconds(5), cts.Cancel);
                    return future.Settled();
                },
                TimeSpan.FromSeconds(10));

            Assert.True(future!.IsCanceled);
            Assert.Throws<OperationCanceledException>(() => future.Result);
            Assert.Equal(["started", "finally"], log());
        });
    }

    [Fact]
    public void A_token_cancelled_before_the_start_never_runs_the_body()
    {
        WithWorker((wait, log) =>
        {
            Future<int> future = wait(TimeSpan.Zero, new CancellationToken(canceled: true));

            Assert.True(future.IsCanceled);
            Assert.Empty(log());
        });
    }

    [Fact]
    public void A_token_never_cancelled_lets_the_coroutine_finish()
    {
        WithWorker((wait, log) =>
        {
            using var cts = new CancellationTokenSource();
            Assert.Equal(1, EventLoop.Run(() => wait(TimeSpan.FromMilliseconds(1), cts.Token)));
            Assert.Equal(["started", "slept", "finally"], log());
        });
    }

    private static void WithWorker(Action<Func<TimeSpan, CancellationToken, Future<int>>, Func<List<string>>> test)
    {
        var (_, output) = GeneratorHarness.Run(GeneratorHarness.Compilation(Source));
        Assembly assembly = GeneratorHarness.Load(output, out AssemblyLoadContext context);
        try
        {
            Type type = assembly.GetType("Demo.Worker")!;
            object worker = Activator.CreateInstance(type)!;
            MethodInfo waitAsync = type.GetMethod("WaitAsync")!;
            test(
                (delay, token) => (Future<int>)waitAsync.Invoke(worker, [delay, token])!,
                () => (List<string>)type.GetProperty("Log")!.GetValue(worker)!);
        }
        finally
        {
            context.Unload();
        }
    }
}

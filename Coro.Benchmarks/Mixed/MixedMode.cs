using System.Diagnostics;
using System.Reflection;
using Coro;
using Coro.Benchmarks.Workloads;

namespace Coro.Benchmarks.Mixed;

/// <summary>
/// <c>--mixed</c>: a program has hundreds of coroutine types, a benchmark one. With one iterator
/// type behind the Runner's <c>MoveNext</c> and <c>Current</c> calls, dynamic PGO turns them into a
/// type test and a direct (even inlined) call; with many, they stay interface dispatches. Before
/// anything is measured, this drives 64 other iterator types through the same Runners (one per
/// result type the workloads use), loop, futures and floor drivers, for long enough that the JIT's
/// profile of those sites is the mix's and its optimized code is compiled from it, then every
/// workload's coroutines once. The benchmarks then run as usual.
/// </summary>
internal static class MixedMode
{
    /// <summary>Set by <c>--mixed</c> for this process and the benchmark processes it starts.</summary>
    public const string Variable = "CORO_BENCH_MIXED";

    private static readonly TimeSpan s_warmFor = TimeSpan.FromSeconds(3);
    private static bool s_warmed;

    public static bool IsOn => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Called from every workload's <c>[GlobalSetup]</c>; does its work once per process.</summary>
    public static void WarmIfOn()
    {
        if (!IsOn || s_warmed)
        {
            return;
        }

        s_warmed = true;
        Func<int, bool, IEnumerable<Future>>[] bodies = MixBodies();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < s_warmFor)
        {
            foreach (Func<int, bool, IEnumerable<Future>> body in bodies)
            {
                DriveEverywhere(body);
            }
        }

        // After the mix, not before: a W4 run steps its one iterator type a million times, and the
        // JIT's profile of a site weighs types by how often they pass, so going first it would be
        // the one type the optimized code tests for. By now that code is compiled from the mix.
        RunEveryWorkloadOnce();
    }

    /// <summary>One mix body through each Runner, the generated wrappers' and the floors.</summary>
    private static void DriveEverywhere(Func<int, bool, IEnumerable<Future>> body)
    {
        EventLoop.Run(() => Coroutine.Start<int>(body(8, true)));
        EventLoop.Run(() => Coroutine.Start<long>(body(8, false)));
        EventLoop.Run(() => Coroutine.Start(body(8, true)));
        BareDriver.StepWhileDone(body(8, true).GetEnumerator());
        BareDriver.RunToReturn(body(8, true).GetEnumerator());
    }

    private static void RunEveryWorkloadOnce()
    {
        _ = new W1DoneFutures().Coro_cached();
        _ = new W1DoneFutures().Coro_fresh();
        _ = new W2PingPong().Coro();
        _ = new W3FanOut().Coro();
        _ = new W4Chain().Coro();
        _ = new W4ChainInline().Coro();
        _ = new W4ChainInline().Iterator_floor();
    }

    // 8 x 8 value-type tags give 64 instantiations of MixBody, and value-type instantiations each
    // get their own iterator class and their own compiled MoveNext, as 64 hand-written coroutines would.
    private static Func<int, bool, IEnumerable<Future>>[] MixBodies()
    {
        Type[] tags = [typeof(byte), typeof(short), typeof(int), typeof(long), typeof(char), typeof(bool), typeof(float), typeof(double)];
        MethodInfo body = typeof(MixedMode).GetMethod(nameof(MixBody), BindingFlags.NonPublic | BindingFlags.Static)!;
        return [.. from first in tags
                   from second in tags
                   select body.MakeGenericMethod(typeof(ValueTuple<,>).MakeGenericType(first, second))
                       .CreateDelegate<Func<int, bool, IEnumerable<Future>>>()];
    }

    /// <summary>Yields what the workloads yield (done futures, fresh and cached; a loop turn; a
    /// future a callback completes, when a loop runs), then returns an int or a long.</summary>
    private static IEnumerable<Future> MixBody<TTag>(int steps, bool intResult)
        where TTag : struct
    {
        long sum = default(TTag).GetHashCode() & 1;
        for (int i = 0; i < steps; i++)
        {
            switch (i % 4)
            {
                case 0:
                    yield return Future.Completed;
                    break;
                case 1:
                    Future<int> done = Future.FromResult(i);
                    yield return done;
                    sum += done.Result;
                    break;
                case 2 when EventLoop.Current is { } loop:
                    var pong = new Future();
                    loop.Post(() => pong.SetResult());
                    yield return pong;
                    break;
                case 3 when EventLoop.Current is not null:
                    yield return Coroutine.Moment;
                    break;
                default:
                    sum++;
                    break;
            }
        }

        yield return intResult ? Coroutine.Return((int)sum) : Coroutine.Return(sum);
    }
}

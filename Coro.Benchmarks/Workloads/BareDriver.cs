using System.Runtime.CompilerServices;
using Coro;

namespace Coro.Benchmarks.Workloads;

/// <summary>
/// The floors: an iterator driven by a bare loop, no Runner, no event loop. What the iterator
/// protocol costs whatever drives it (two interface calls per step, a write barrier on the
/// iterator's <c>Current</c> field), so what Coro adds is the difference. One driver for every
/// floor, so that <c>--mixed</c> can make its call sites see as many iterator types as the
/// Runner's (<see cref="Mixed.MixedMode"/>).
/// </summary>
internal static class BareDriver
{
    /// <summary>Steps <paramref name="body"/> while it yields done futures; returns the number of steps.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long StepWhileDone(IEnumerator<Future> body)
    {
        long steps = 0;
        while (body.MoveNext() && body.Current is { IsDone: true, Kind: FutureKind.Plain })
        {
            steps++;
        }

        return steps;
    }

    /// <summary>Steps <paramref name="body"/> until it yields a <c>Coroutine.Return</c> of an int,
    /// and disposes it; the result, or -1 if it ended without one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int RunToReturn(IEnumerator<Future> body)
    {
        using (body)
        {
            while (body.MoveNext())
            {
                if (body.Current is { Kind: FutureKind.Return } returned)
                {
                    return returned is Future<int> result ? result.ResultUnchecked : -1;
                }
            }
        }

        return -1;
    }
}

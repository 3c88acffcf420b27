using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>
/// What the hot paths promise about allocation, measured with the thread's allocation counter
/// (exact, and independent of when the GC runs). Each measured part runs once first, so that
/// first-call work (static constructors, lazily made caches) is not counted, and the least of a
/// few rounds counts: the runtime may allocate on the thread while it recompiles a hot method.
/// </summary>
public class AllocationTests
{
    private const int Times = 1_000;
    private const int Rounds = 5;

    // One object holding two references: the object header, the type pointer and the two fields.
    private static readonly int s_oneSmallObject = 4 * IntPtr.Size;

    [Fact]
    public void Awaiting_a_done_future_allocates_nothing()
    {
        Future<int> done = Future.FromResult(3);
        Future plain = Future.Completed;
        int sum = AwaitDone(done, plain);

        long bytes = AllocatedBy(() => sum += AwaitDone(done, plain));

        Assert.Equal(0, bytes);
        Assert.Equal(3 * ((Rounds * Times) + 1), sum);
    }

    [Fact]
    public void Awaiting_a_pending_future_on_a_loop_allocates_one_object()
    {
        Action continuation = () => { };
        long bytes = -1;
        var pending = new Future[(Rounds * Times) + 1];

        Loop.Run(() => Body());

        Assert.InRange(bytes, 1, Times * s_oneSmallObject);

        IEnumerable Body()
        {
            for (int i = 0; i < pending.Length; i++)
            {
                pending[i] = new Future();
            }

            // What `await future` does when the future is pending, inside a loop (whose
            // SynchronizationContext it captures).
            pending[0].GetAwaiter().UnsafeOnCompleted(continuation);
            int next = 1;
            bytes = AllocatedBy(() => pending[next++].GetAwaiter().UnsafeOnCompleted(continuation));
            foreach (Future future in pending)
            {
                future.SetResult();
            }

            yield return Future.All(pending);
        }
    }

    [Fact]
    public void Returning_a_small_int_or_a_bool_allocates_nothing_as_in_an_async_method()
    {
        _ = Coroutine.Return(8);
        _ = Coroutine.Return(true);
        _ = Coroutine.Return<string?>(null);

        long bytes = AllocatedBy(() =>
        {
            _ = Coroutine.Return(-1);
            _ = Coroutine.Return(8);
            _ = Coroutine.Return(false);
            _ = Coroutine.Return<string?>(null);
        });

        Assert.Equal(0, bytes);
        Assert.Equal(7, Coroutine.Return(7).Result);
        Assert.True(Coroutine.Return(true).Result);
        Assert.Equal(9, Coroutine.Return(9).Result); // beyond the shared ones: a future of its own
    }

    private static int AwaitDone(Future<int> done, Future plain)
    {
        // What `await` compiles to for a future that is done: IsCompleted, then GetResult.
        FutureAwaiter<int> awaiter = done.GetAwaiter();
        FutureAwaiter plainAwaiter = plain.GetAwaiter();
        if (!awaiter.IsCompleted || !plainAwaiter.IsCompleted)
        {
            throw new InvalidOperationException("The futures are done.");
        }

        plainAwaiter.GetResult();
        return awaiter.GetResult();
    }

    /// <summary>The bytes <paramref name="action"/> allocates in <see cref="Times"/> calls: the least
    /// of <see cref="Rounds"/> rounds.</summary>
    private static long AllocatedBy(Action action)
    {
        long least = long.MaxValue;
        for (int round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Times; i++)
            {
                action();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}

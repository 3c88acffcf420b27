using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>
/// Only its owner completes a future Coro made: SetResult, TrySetResult, SetException and
/// TrySetException throw on it and change nothing, even the Try forms; Cancel() still ends it.
/// A future the user made with <c>new Future()</c> keeps its completion methods.
/// </summary>
public partial class OwnerCompletionTests
{
    private static readonly TimeSpan Long = TimeSpan.FromHours(1); // a timer no test waits for

    /// <summary>Every kind of future Coro makes and completes itself, made pending (or done, for
    /// <c>Moment</c> and a get that took an item at once) on a running loop.</summary>
    private static readonly Dictionary<string, Func<Future>> s_kinds = new()
    {
        ["generated [Coroutine]"] = () => Owned.WaitForeverAsync(),
        ["generated [Coroutine<T>]"] = () => Owned.WaitForeverForIntAsync(),
        ["Coroutine.Start"] = () => Coroutine.Start(WaitForever()),
        ["Coroutine.Start<T>"] = () => Coroutine.Start<int>(WaitForever()),
        ["Future.All"] = () => Future.All(new Future(), new Future()),
        ["Future.All<T>"] = () => Future.All(new Future<int>(), new Future<int>()),
        ["Future.All of a dictionary"] = () => Future.All(new Dictionary<string, Future<int>> { ["a"] = new() }),
        ["Future.Any"] = () => Future.Any(new Future(), new Future()),
        ["Future.Gather"] = () => Future.Gather(new Future<int>(), new Future<string>()),
        ["WithTimeout"] = () => new Future<int>().WithTimeout(Long),
        ["Settled"] = () => new Future().Settled(),
        ["AsCompleted"] = () => Future.AsCompleted(new[] { new Future<int>() })[0],
        ["Future.FromTask"] = () => Future.FromTask(new TaskCompletionSource<int>().Task),
        ["Coroutine.Sleep"] = () => Coroutine.Sleep(Long),
        ["Coroutine.Moment"] = () => Coroutine.Moment,
        ["CoroutineGroup"] = () =>
        {
            var group = new CoroutineGroup();
            group.Add(new Future());
            return group;
        },
        ["FutureLock.Acquire, waiting"] = () =>
        {
            var gate = new FutureLock();
            Assert.True(gate.TryAcquire());
            return gate.Acquire();
        },
        ["FutureSemaphore.Acquire, waiting"] = () =>
        {
            var semaphore = new FutureSemaphore(1);
            Assert.True(semaphore.TryAcquire());
            return semaphore.Acquire();
        },
        ["FutureEvent.Wait"] = () => new FutureEvent().Wait(),
        ["FutureQueue.Get, waiting"] = () => new FutureQueue<int>().Get(),
        ["FutureQueue.Get, taken at once"] = () =>
        {
            var queue = new FutureQueue<int>();
            queue.Put(1);
            return queue.Get();
        },
        ["FutureQueue.Put, waiting"] = () =>
        {
            var queue = new FutureQueue<int>(maxSize: 1);
            queue.Put(1);
            return queue.Put(2);
        },
    };

    public static TheoryData<string> Kinds => [.. s_kinds.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Completing_a_future_Coro_made_throws_and_changes_nothing(string kind)
    {
        Loop.Run(() => Body());

        IEnumerable Body()
        {
            Future future = s_kinds[kind]();
            bool wasDone = future.IsDone;
            var failure = new InvalidOperationException("from outside");
            var attempts = new List<Action>
            {
                () => future.SetResult(),
                () => future.TrySetResult(),
                () => future.SetException(failure),
                () => future.TrySetException(failure),
            };
            if (future is Future<int> typed)
            {
                attempts.Add(() => typed.SetResult(7));
                attempts.Add(() => typed.TrySetResult(7));
            }

            foreach (Action attempt in attempts)
            {
                var thrown = Assert.Throws<InvalidOperationException>(attempt);
                Assert.Contains("Cancel()", thrown.Message);
                Assert.Contains("new Future()", thrown.Message);
                Assert.Equal(wasDone, future.IsDone);
                Assert.False(future.IsFaulted);
            }

            if (!wasDone)
            {
                // Cancel() stays: it still ends a future Coro made, from outside.
                Assert.True(future.Cancel());
                Assert.True(future.IsCanceled);
                Assert.Throws<InvalidOperationException>(() => future.TrySetResult());
            }

            yield break;
        }
    }

    [Fact]
    public void The_message_names_the_coroutine_whose_future_it_is()
    {
        Loop.Run(() => Body());

        static IEnumerable Body()
        {
            Future worker = Owned.WaitForeverAsync();
            var thrown = Assert.Throws<InvalidOperationException>(() => worker.TrySetResult());
            Assert.Contains("future of coroutine Owned.WaitForever", thrown.Message);
            worker.Cancel();
            yield break;
        }
    }

    [Fact]
    public void The_message_names_the_combinator_whose_future_it_is()
    {
        Future all = Future.All(new Future(), new Future());
        var thrown = Assert.Throws<InvalidOperationException>(() => all.TrySetException(new TimeoutException()));
        Assert.Contains("Future.All of 2", thrown.Message);
    }

    [Fact]
    public void A_future_the_user_made_keeps_its_completion_methods()
    {
        var plain = new Future();
        var typed = new Future<int>();
        var faulted = new Future<int>();

        Assert.True(plain.TrySetResult());
        typed.SetResult(3);
        Assert.True(faulted.TrySetException(new TimeoutException()));

        Assert.True(plain.IsDone);
        Assert.Equal(3, typed.Result);
        Assert.IsType<TimeoutException>(faulted.Exception);
        Assert.False(plain.TrySetResult()); // done: false, as before
        Assert.Throws<InvalidOperationException>(() => typed.SetResult(4));
    }

    private static IEnumerable WaitForever()
    {
        yield return new Future();
    }

    private static partial class Owned
    {
        [Coroutine]
        public static partial IEnumerable<Future> WaitForever()
        {
            yield return new Future();
        }

        [Coroutine<int>]
        public static partial IEnumerable<Future> WaitForeverForInt()
        {
            yield return new Future();
        }
    }
}

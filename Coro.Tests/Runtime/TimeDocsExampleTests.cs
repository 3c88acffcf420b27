using System.Collections;
using Microsoft.Extensions.Time.Testing;

namespace Coro.Tests.Runtime;

/// <summary>The worked examples of docs/time-and-health.md, as the page shows them.</summary>
public partial class TimeDocsExampleTests
{
    // The code under test: try a flaky operation up to four times, waiting 1 s, 2 s, then 4 s.
    public static partial class Retry
    {
        [Coroutine<int>]
        public static partial IEnumerable<Future> WithBackoff(Func<Future<int>> operation, List<TimeSpan> attempts)
        {
            TimeProvider clock = EventLoop.Current!.TimeProvider;
            long start = clock.GetTimestamp();
            TimeSpan wait = TimeSpan.FromSeconds(1);
            for (int attempt = 1; ; attempt++)
            {
                attempts.Add(clock.GetElapsedTime(start));
                Future<int> result = operation();
                yield return result.Settled();
                if (!result.IsFaulted || attempt == 4)
                {
                    yield return Coroutine.Return(result.Result); // the last failure is rethrown
                }

                yield return Coroutine.Sleep(wait);
                wait *= 2;
            }
        }
    }

    [Fact]
    public void Retries_back_off_1_2_and_4_seconds_in_virtual_time()
    {
        var attempts = new List<TimeSpan>();
        int calls = 0;
        Future<int> Flaky() => ++calls < 4 ? Future.FromException<int>(new IOException("busy")) : Future.FromResult(42);

        int result = EventLoop.Run(() => Retry.WithBackoffAsync(Flaky, attempts), new EventLoopOptions { VirtualTime = true });

        Assert.Equal(42, result);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7)], attempts);
    }

    [Fact]
    public void A_test_thread_steps_a_FakeTimeProvider_through_the_backoff()
    {
        var clock = new FakeTimeProvider();
        var attempts = new List<TimeSpan>();
        using var attempted = new SemaphoreSlim(0);
        Future<int> Failing()
        {
            // Posted, so it runs on the loop's next turn: after the retry has set its sleep.
            EventLoop.Current!.Post(() => attempted.Release());
            return Future.FromException<int>(new IOException("down"));
        }

        var test = new Thread(() =>
        {
            foreach (int seconds in new[] { 1, 2, 4 })
            {
                attempted.Wait();                               // the loop is sleeping before the next attempt
                clock.Advance(TimeSpan.FromSeconds(seconds));   // wakes it
            }
        });
        test.Start();

        var error = Assert.Throws<IOException>(() => EventLoop.Run(() => Retry.WithBackoffAsync(Failing, attempts), new EventLoopOptions { TimeProvider = clock }));

        test.Join();
        Assert.Equal("down", error.Message);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(7)], attempts);
    }
}

using System.Diagnostics;

namespace Coro.Tests.Runtime;

/// <summary>The timer heap on its own, with the clock passed in, so thousands of timers can be
/// checked without waiting. On the netstandard2.1 build the heap is Coro's own (the BCL's
/// PriorityQueue arrived in .NET 6), so this also checks that one.</summary>
public class TimerQueueTests
{
    [Fact]
    public void Timers_come_due_in_deadline_order_and_ties_in_the_order_they_were_set_even_after_a_rebuild()
    {
        const int Timers = 3000;
        var random = new Random(1234);
        var queue = new TimerQueue(System.Diagnostics.Stopwatch.Frequency);
        var fired = new List<int>();
        var delays = new int[Timers];
        var handles = new TimerHandle[Timers];
        for (int i = 0; i < Timers; i++)
        {
            int id = i;
            delays[i] = random.Next(100); // milliseconds: many timers share a deadline
            handles[i] = queue.Add(0, TimeSpan.FromMilliseconds(delays[i]), new Action(() => fired.Add(id)), null);
        }

        // Two of three disposed: more than the rebuild threshold and than half the heap.
        for (int i = 0; i < Timers; i++)
        {
            if (i % 3 != 0)
            {
                handles[i].Dispose();
            }
        }

        var ready = new WorkQueue();
        for (int millisecond = 0; millisecond < 100; millisecond++)
        {
            long now = millisecond * Stopwatch.Frequency / 1000;
            queue.MoveDueTo(ready, now);
            int before = fired.Count;
            while (ready.Count > 0)
            {
                ready.Dequeue().Invoke();
            }

            Assert.All(fired.Skip(before), id => Assert.Equal(millisecond, delays[id]));
        }

        int[] expected = Enumerable.Range(0, Timers).Where(i => i % 3 == 0).OrderBy(i => delays[i]).ThenBy(i => i).ToArray();
        Assert.Equal(expected, fired);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void Next_wait_is_infinite_without_timers_and_zero_once_one_is_due()
    {
        var queue = new TimerQueue(System.Diagnostics.Stopwatch.Frequency);
        Assert.Equal(Timeout.Infinite, queue.MillisecondsUntilNext(0));

        queue.Add(0, TimeSpan.FromMilliseconds(50), new Action(() => { }), null);
        queue.Add(0, TimeSpan.FromMilliseconds(20), new Action(() => { }), null);

        Assert.InRange(queue.MillisecondsUntilNext(0), 20, 21);
        Assert.Equal(0, queue.MillisecondsUntilNext(Stopwatch.Frequency));
    }

    [Fact]
    public void The_heap_is_rebuilt_small_once_a_burst_of_timers_has_come_due_or_been_disposed()
    {
        var queue = new TimerQueue(System.Diagnostics.Stopwatch.Frequency);
        var ready = new WorkQueue();
        var random = new Random(5);
        var handles = new List<TimerHandle>();
        for (int i = 0; i < 50_000; i++)
        {
            handles.Add(queue.Add(0, TimeSpan.FromMilliseconds(random.Next(1, 1000)), new Action(() => { }), null));
        }

        TimerHandle late = queue.Add(0, TimeSpan.FromHours(1), new Action(() => { }), null);
        Assert.True(queue.Capacity > 50_000);
        for (int i = 0; i < handles.Count; i += 2)
        {
            handles[i].Dispose();
        }

        queue.MoveDueTo(ready, System.Diagnostics.Stopwatch.Frequency); // one second later: all but the late one

        Assert.Equal(25_000, ready.Count);
        Assert.Equal(1, queue.Count);
        Assert.True(queue.Capacity <= 64, $"the heap keeps room for {queue.Capacity}");
        Assert.True(queue.TryPeekDeadline(out long deadline));
        Assert.Equal(late.Deadline, deadline);
    }
}

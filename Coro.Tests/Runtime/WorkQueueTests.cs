namespace Coro.Tests.Runtime;

public class WorkQueueTests
{
    [Fact]
    public void Items_come_out_in_the_order_they_went_in_across_many_segments()
    {
        var queue = new WorkQueue();
        var seen = new List<int>();
        int next = 0;

        // Interleave bursts of puts and takes so segments fill, empty and get reused.
        foreach (int burst in new[] { 1, 300, 256, 1000, 3, 700 })
        {
            for (int i = 0; i < burst; i++)
            {
                int value = next++;
                queue.Enqueue(new EventLoop.WorkItem(new Action(() => seen.Add(value)), null));
            }

            for (int i = 0; i < burst / 2; i++)
            {
                queue.Dequeue().Invoke();
            }
        }

        while (queue.Count > 0)
        {
            queue.Dequeue().Invoke();
        }

        Assert.Equal(Enumerable.Range(0, next), seen);
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
    }

    [Fact]
    public void Clear_empties_the_queue()
    {
        var queue = new WorkQueue();
        for (int i = 0; i < 600; i++)
        {
            queue.Enqueue(new EventLoop.WorkItem(new Action(() => { }), null));
        }

        queue.Clear();

        Assert.Equal(0, queue.Count);
    }
}

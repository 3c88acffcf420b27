namespace Coro.Tests.Runtime;

/// <summary>The ring behind the FIFO and LIFO queues: both ends, and memory back after a burst.</summary>
public class DequeTests
{
    [Fact]
    public void Takes_from_both_ends_in_order_through_growth_and_wrap_around()
    {
        var deque = new Deque<int>();
        var model = new LinkedList<int>();
        var random = new Random(3);
        for (int i = 0; i < 20_000; i++)
        {
            switch (random.Next(4))
            {
                case 0: deque.AddLast(i); model.AddLast(i); break;
                case 1: deque.AddFirst(i); model.AddFirst(i); break;
                case 2 when model.Count > 0: Assert.Equal(model.First!.Value, deque.TakeFirst()); model.RemoveFirst(); break;
                case 3 when model.Count > 0: Assert.Equal(model.Last!.Value, deque.TakeLast()); model.RemoveLast(); break;
            }

            Assert.Equal(model.Count, deque.Count);
        }
    }

    [Fact]
    public void Halves_when_a_quarter_full_and_returns_to_its_minimum_once_drained()
    {
        var deque = new Deque<string>();
        for (int i = 0; i < 100_000; i++)
        {
            deque.AddLast(i.ToString());
        }

        Assert.True(deque.Capacity >= 100_000);
        while (deque.Count > 10)
        {
            deque.TakeFirst();
            Assert.True(deque.Count * 4 >= deque.Capacity / 2 || deque.Capacity == Deque<string>.MinimumCapacity);
        }

        Assert.True(deque.Capacity <= 64);
        while (deque.Count > 0)
        {
            deque.TakeLast();
        }

        Assert.Throws<InvalidOperationException>(() => deque.TakeFirst());
        Assert.Equal(Deque<string>.MinimumCapacity, deque.Capacity);
    }
}

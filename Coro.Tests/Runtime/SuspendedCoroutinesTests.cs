using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>The loop's list of suspended coroutines: what a closing loop cancels (newest first),
/// what GetCoroutines reports, and how long each has been suspended.</summary>
public class SuspendedCoroutinesTests
{
    [Fact]
    public void Lists_newest_first_and_forgets_the_removed_ones()
    {
        var list = new SuspendedCoroutines();
        Fake[] coroutines = Make(5);
        foreach (Fake coroutine in coroutines)
        {
            list.Add(coroutine, coroutine.Number);
        }

        list.Remove(coroutines[1]);
        list.Remove(coroutines[4]);
        list.Remove(coroutines[4]); // a second remove does nothing

        Assert.Equal([3, 2, 0], Numbers(list));
        Assert.Equal(3, list.Count);
        Assert.Equal(0, coroutines[4].SuspendedSlot);
    }

    [Fact]
    public void Keeps_order_and_timestamps_through_growth_and_closing_up()
    {
        var list = new SuspendedCoroutines();
        var model = new List<Fake>(); // oldest first
        Fake[] coroutines = Make(5_000); // thousands stay: several segments of slots
        var random = new Random(7);
        foreach (Fake coroutine in coroutines)
        {
            list.Add(coroutine, 1000 + coroutine.Number);
            model.Add(coroutine);

            // Leave from anywhere, most of the time: holes form in the middle, and the array closes
            // them up when it fills.
            if (model.Count > 0 && random.Next(2) == 0)
            {
                Fake leaving = model[random.Next(model.Count)];
                list.Remove(leaving);
                model.Remove(leaving);
            }
        }

        foreach (Fake coroutine in model.Where(c => c.Number % 2 == 0))
        {
            list.MarkSuspended(coroutine, 5000 + coroutine.Number);
        }

        Assert.True(model.Count > 1024, "more coroutines stay than one segment holds");
        Assert.Equal(model.Select(c => c.Number).Reverse(), Numbers(list));
        Assert.Equal(model.Count, list.Count);
        Assert.All(model, coroutine => Assert.Equal(
            (coroutine.Number % 2 == 0 ? 5000 : 1000) + coroutine.Number,
            list.SuspendedAt(coroutine)));
    }

    [Fact]
    public void TakeFirst_empties_the_list_newest_first()
    {
        var list = new SuspendedCoroutines();
        Fake[] coroutines = Make(40);
        foreach (Fake coroutine in coroutines)
        {
            list.Add(coroutine, 0);
        }

        list.Remove(coroutines[39]);
        list.Remove(coroutines[20]);
        var taken = new List<int>();
        while (list.TakeFirst() is Fake coroutine)
        {
            taken.Add(coroutine.Number);
            Assert.Equal(0, coroutine.SuspendedSlot);
        }

        Assert.Equal(Enumerable.Range(0, 39).Reverse().Where(n => n != 20), taken);
        Assert.Equal(0, list.Count);
        Assert.Empty(list);
    }

    [Fact]
    public void Halves_when_a_quarter_full_after_a_burst_and_keeps_order_and_timestamps()
    {
        var list = new SuspendedCoroutines();
        Fake[] coroutines = Make(100_000);
        foreach (Fake coroutine in coroutines)
        {
            list.Add(coroutine, coroutine.Number);
        }

        int burst = list.Capacity;
        var random = new Random(11);
        Fake[] staying = [.. coroutines.Where(_ => random.Next(1000) == 0)];
        foreach (Fake coroutine in coroutines.Except(staying))
        {
            list.Remove(coroutine);
        }

        Assert.True(burst >= 100_000);
        Assert.True(list.Capacity <= Math.Max(1024, staying.Length * 4), $"still {list.Capacity} slots for {staying.Length}");
        Assert.Equal(staying.Select(c => c.Number).Reverse(), Numbers(list));
        Assert.All(staying, coroutine => Assert.Equal(coroutine.Number, list.SuspendedAt(coroutine)));
    }

    private static Fake[] Make(int count) => [.. Enumerable.Range(0, count).Select(n => new Fake(n))];

    private static List<int> Numbers(SuspendedCoroutines list) => [.. list.Cast<Fake>().Select(coroutine => coroutine.Number)];

    private sealed class Fake(int number) : ISuspendedCoroutine
    {
        public int Number { get; } = number;

        public int SuspendedSlot { get; set; }

        public IEnumerator? Body => null;

        public Future? AwaitedFuture => null;

        public void Close()
        {
        }
    }
}

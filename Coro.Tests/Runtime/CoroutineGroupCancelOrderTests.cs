using System.Collections;

namespace Coro.Tests.Runtime;

/// <summary>Cancelling a group cancels every child, then the group: a child's finally block runs while
/// the group is not yet done.</summary>
public class CoroutineGroupCancelOrderTests
{
    [Fact]
    public void A_cancelled_groups_children_end_before_the_group_is_done()
    {
        var seenInFinally = new List<bool>();
        bool waiterSawDone = false;

        Loop.Run(Body);

        Assert.Equal([false, false, false], seenInFinally);
        Assert.True(waiterSawDone);

        IEnumerable Body()
        {
            var group = new CoroutineGroup();
            for (int i = 0; i < 3; i++)
            {
                group.Add(Coroutine.Start(Child(group)));
            }

            group.AddDoneCallback(done => waiterSawDone = seenInFinally.Count == 3 && done.IsCanceled);
            yield return null; // the children are suspended
            group.Cancel();
            Assert.True(group.IsCanceled);
        }

        IEnumerable Child(CoroutineGroup group)
        {
            try
            {
                yield return new Future();
            }
            finally
            {
                seenInFinally.Add(group.IsDone);
            }
        }
    }
}

using System.Text;

namespace Coro;

/// <summary>
/// Builds <see cref="EventLoop.GetCoroutines"/> and <see cref="EventLoop.DescribeCoroutines"/> from
/// the loop's list of suspended coroutines. A debugging path: it allocates freely, and nothing on
/// the way a coroutine suspends or resumes pays for it beyond one timestamp per suspension.
/// </summary>
internal static class CoroutineSnapshot
{
    public static IReadOnlyList<CoroutineInfo> Take(SuspendedCoroutines suspended, TimeProvider clock)
    {
        long now = clock.GetTimestamp();
        var infos = new Dictionary<ISuspendedCoroutine, CoroutineInfo>(ReferenceEqualityComparer.Instance);
        var order = new List<ISuspendedCoroutine>();
        foreach (ISuspendedCoroutine coroutine in suspended)
        {
            if (coroutine.AwaitedFuture is not { } awaited)
            {
                continue; // running now (it asked for the snapshot): not suspended
            }

            infos[coroutine] = new CoroutineInfo(CoroutineName.Of(coroutine.Body), awaited.Description, clock.GetElapsedTime(suspended.SuspendedAt(coroutine), now));
            order.Add(coroutine);
        }

        // Oldest first: the list keeps the newest at its head.
        order.Reverse();
        foreach (ISuspendedCoroutine coroutine in order)
        {
            foreach (ISuspendedCoroutine awaited in CoroutinesBehind(coroutine.AwaitedFuture!))
            {
                if (infos.TryGetValue(awaited, out CoroutineInfo? info))
                {
                    infos[coroutine].AddAwaiting(info);
                }
            }
        }

        return [.. order.Select(coroutine => infos[coroutine])];
    }

    /// <summary>The coroutines a future stands for: itself if it is one, else those behind the
    /// futures it waits on (through All, Any, WithTimeout, Settled, groups), in their order.</summary>
    private static IEnumerable<ISuspendedCoroutine> CoroutinesBehind(Future future)
    {
        var seen = new HashSet<Future>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Future>();
        pending.Push(future);
        while (pending.Count > 0)
        {
            Future next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;
            }

            if (next is ISuspendedCoroutine coroutine)
            {
                yield return coroutine;
                continue;
            }

            foreach (Future dependency in next.Dependencies.Reverse())
            {
                pending.Push(dependency);
            }
        }
    }

    /// <summary>The snapshot as a tree: roots (coroutines no other one waits on) first, each awaited
    /// coroutine indented under the one waiting on it.</summary>
    public static string Describe(IReadOnlyList<CoroutineInfo> coroutines)
    {
        if (coroutines.Count == 0)
        {
            return "No coroutines are suspended on this loop." + Environment.NewLine;
        }

        var awaited = new HashSet<CoroutineInfo>(coroutines.SelectMany(coroutine => coroutine.Awaiting), ReferenceEqualityComparer.Instance);
        var text = new StringBuilder();
        text.Append(coroutines.Count).Append(coroutines.Count == 1 ? " coroutine" : " coroutines").Append(" suspended:").AppendLine();
        var onPath = new HashSet<CoroutineInfo>(ReferenceEqualityComparer.Instance);
        foreach (CoroutineInfo root in coroutines.Where(coroutine => !awaited.Contains(coroutine)))
        {
            Write(root, 1);
        }

        return text.ToString();

        void Write(CoroutineInfo coroutine, int depth)
        {
            text.Append(' ', depth * 2).Append(coroutine).AppendLine();
            if (!onPath.Add(coroutine))
            {
                return; // a cycle: each coroutine once per path
            }

            foreach (CoroutineInfo child in coroutine.Awaiting)
            {
                Write(child, depth + 1);
            }

            onPath.Remove(coroutine);
        }
    }
}

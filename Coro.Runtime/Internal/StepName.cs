using System.Collections;
using System.Runtime.CompilerServices;

namespace Coro;

/// <summary>
/// Names a step of the loop for the watchdog: a coroutine's step by its body
/// (<see cref="CoroutineName"/>: <c>App.Worker</c>), an async method's continuation by its method, a
/// timer by what it runs, any other callback by its delegate's type and method. Only the slow path
/// calls it: names cost allocations.
/// </summary>
internal static class StepName
{
    /// <summary><paramref name="subject"/> is what the watchdog kept of the step: a coroutine's body,
    /// or the work item's state.</summary>
    public static string Of(Delegate callback, object? subject)
    {
        switch (subject)
        {
            case IEnumerator body:
                return CoroutineName.Of(body);
            case ISuspendedCoroutine coroutine:
                return CoroutineName.Of(coroutine.Body);
            case TimerHandle timer when callback == (Delegate)TimerHandle.Fire:
                EventLoop.WorkItem work = timer.Work;
                return Of(work.Callback, work.State is ISuspendedCoroutine c ? c.Body ?? work.State : work.State);
            case Delegate continuation when callback is SendOrPostCallback:
                return OfDelegate(continuation); // an await's continuation, posted by the synchronization context
            default:
                return OfDelegate(callback);
        }
    }

    private static string OfDelegate(Delegate callback)
    {
        // An async method's continuation is MoveNext on a box whose type argument is its state machine.
        if (callback.Target?.GetType() is { IsGenericType: true } box)
        {
            foreach (Type argument in box.GetGenericArguments())
            {
                if (typeof(IAsyncStateMachine).IsAssignableFrom(argument))
                {
                    return Readable(argument.DeclaringType, argument.Name);
                }
            }
        }

        return Readable(callback.Method.DeclaringType, callback.Method.Name);
    }

    /// <summary><c>Type.Method</c>, seen through the compiler's names: a lambda (<c>&lt;Main&gt;b__0_0</c>
    /// in a nested <c>&lt;&gt;c</c>) is named by its type and the method it is written in, a local
    /// function (<c>&lt;Main&gt;g__Local|0_0</c>) by its own name, a state machine by its method.</summary>
    private static string Readable(Type? type, string member)
    {
        while (type is not null && type.Name.StartsWith('<') && type.DeclaringType is not null)
        {
            type = type.DeclaringType; // a closure class or state machine: name the user's type
        }

        string method = member;
        int close = member.IndexOf('>');
        if (member.StartsWith('<') && close > 1)
        {
            method = member[1..close];
            int local = member.IndexOf("g__", StringComparison.Ordinal);
            if (local >= 0)
            {
                int end = member.IndexOf('|', local);
                method = member[(local + 3)..(end > 0 ? end : member.Length)];
            }
        }

        string owner = type?.Name ?? "?";
        int tick = owner.IndexOf('`');
        return $"{(tick >= 0 ? owner[..tick] : owner)}.{method}";
    }
}

namespace Coro;

/// <summary>
/// <see cref="Future.AsCompleted(IEnumerable{Future})"/>, Tornado's <c>WaitIterator</c>: one
/// placeholder per input; the n-th placeholder completes as the n-th input to complete did.
/// Inputs already done come first, in argument order.
/// </summary>
internal static class CompletionOrder
{
    public static Future<T>[] Of<T>(Future[] inputs)
    {
        var placeholders = new Future<T>[inputs.Length];
        for (int i = 0; i < placeholders.Length; i++)
        {
            placeholders[i] = new Placeholder<T>();
        }

        int next = -1;
        void Complete(Future input) => placeholders[Interlocked.Increment(ref next)].TrySetOutcomeOf(input);

        var alreadyDone = new bool[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i].IsDone)
            {
                alreadyDone[i] = true;
                Complete(inputs[i]);
            }
        }

        Action<Future> callback = Complete;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (!alreadyDone[i] && !inputs[i].TryAddContinuation(callback))
            {
                Complete(inputs[i]);
            }
        }

        return placeholders;
    }

    /// <summary>One of the futures <c>AsCompleted</c> hands out: only the input it stands for
    /// completes it.</summary>
    private sealed class Placeholder<T>() : Future<T>(FutureKind.Owned)
    {
        internal override string Description => "Future.AsCompleted";
    }
}

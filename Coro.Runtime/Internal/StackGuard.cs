using System.Runtime.CompilerServices;

namespace Coro;

/// <summary>
/// Whether this thread has stack enough to run a coroutine's first step inline, in one compare
/// for most calls. Asking the runtime (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>)
/// costs about 4 ns, paid once per coroutine started: a tenth of an inline chain's level.
/// </summary>
internal static class StackGuard
{
    // The deepest stack address on this thread at which the runtime said enough stack was left.
    // Stacks grow down, so any frame at or above it has at least as much left; only a frame deeper
    // than every one checked so far asks the runtime again. Zero until the first check.
    [ThreadStatic]
    private static nuint t_checkedDownTo;

    public static unsafe bool HasStackForFirstStep()
    {
        byte marker = 0;
        nuint here = (nuint)(&marker);
        nuint checkedDownTo = t_checkedDownTo;
        if (checkedDownTo != 0 && here >= checkedDownTo)
        {
            return true;
        }

        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return false;
        }

        t_checkedDownTo = here;
        return true;
    }
}

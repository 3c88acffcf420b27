using System.ComponentModel;
using System.Runtime.ExceptionServices;

namespace Coro.CompilerServices;

/// <summary>
/// A failure on its way through a coroutine's frame method: the method the generator writes beside
/// each <c>[Coroutine]</c> body, named like it, so that a failure's stack trace gains the line
/// <c>at App.Worker(FailureFrame frame)</c> for each coroutine it ends. Not for hand-written code.
/// </summary>
/// <remarks>
/// A generated frame method reads, in full:
/// <code>
/// [MethodImpl(MethodImplOptions.NoInlining)]
/// private static void Worker(FailureFrame frame)
/// {
///     try { frame.Failure.Throw(); }
///     catch (Exception passing) { frame.Caught(passing); }
/// }
/// </code>
/// The same exception object is rethrown from there and caught at once, so its stack trace gains
/// that one line and nothing of Coro's: the throw and the catch are both in the user's assembly.
/// It is ordinary compiled code, so it works where nothing can be emitted at run time (NativeAOT,
/// IL2CPP) and names the coroutine on every runtime.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class FailureFrame
{
    private ExceptionDispatchInfo? _caught;

    internal FailureFrame(ExceptionDispatchInfo failure) => Failure = failure;

    /// <summary>The failure to rethrow from the frame method.</summary>
    public ExceptionDispatchInfo Failure { get; }

    /// <summary>The failure as the frame method caught it, its stack trace one line longer; null if
    /// the frame method did not rethrow it.</summary>
    internal ExceptionDispatchInfo? Result => _caught;

    /// <summary>Called by the frame method's catch with what it caught.</summary>
    public void Caught(Exception passing)
    {
        if (ReferenceEquals(passing, Failure.SourceException))
        {
            _caught = ExceptionDispatchInfo.Capture(passing);
        }
    }
}

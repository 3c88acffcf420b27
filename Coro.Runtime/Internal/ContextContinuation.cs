namespace Coro;

/// <summary>
/// An <c>await</c>'s continuation that must return to the awaiting code's
/// <see cref="SynchronizationContext"/> (an event loop's, inside a loop): the context and the
/// continuation in one object, registered on the future as it is, so a pending await allocates
/// this and nothing more.
/// </summary>
internal sealed class ContextContinuation
{
    /// <summary>Runs the <see cref="Action"/> it is given: the callback for posting one to a context.</summary>
    public static readonly SendOrPostCallback RunAction = static continuation => ((Action)continuation!)();

    private readonly SynchronizationContext _context;
    private readonly Action _continuation;

    public ContextContinuation(SynchronizationContext context, Action continuation)
    {
        _context = context;
        _continuation = continuation;
    }

    public void Post() => _context.Post(RunAction, _continuation);
}

using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>
/// What several independent pieces of cleanup threw, collected so that one failure does not skip
/// the rest (a cancellation fan-out, a stop, the loop's close, a future's callbacks). The rule,
/// everywhere: one failure is rethrown as itself, with its stack trace; several become one
/// <see cref="AggregateException"/> holding each in the order they happened.
/// </summary>
internal struct Failures
{
    private Exception? _first;
    private List<Exception>? _more;

    public readonly bool Any => _first is not null;

    public void Add(Exception exception)
    {
        if (_first is null)
        {
            _first = exception;
        }
        else
        {
            (_more ??= [_first]).Add(exception);
        }
    }

    /// <summary>The failure to rethrow, or null if nothing failed.</summary>
    public readonly Exception? ToException(string message) =>
        _more is null ? _first : new AggregateException(message, _more);

    public readonly void ThrowIfAny(string message)
    {
        if (_more is not null)
        {
            throw new AggregateException(message, _more);
        }

        if (_first is not null)
        {
            ExceptionDispatchInfo.Throw(_first);
        }
    }

    /// <summary>Cancels every future in <paramref name="futures"/>, even when an earlier one's
    /// cancellation throws (a coroutine's <c>finally</c> block), then rethrows what they threw.</summary>
    public static void CancelEach(Future[] futures)
    {
        var failures = default(Failures);
        foreach (Future future in futures)
        {
            try
            {
                future.Cancel();
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }

        failures.ThrowIfAny("Cancelling futures threw from more than one finally block.");
    }
}

using System.Runtime.ExceptionServices;

namespace Coro;

/// <summary>
/// Holds a faulted future's exception and reports it through <see cref="Future.UnobservedException"/>
/// if nobody read it. Only faulted futures allocate one, so the finalizer costs the success path nothing.
/// </summary>
internal sealed class ExceptionHolder
{
    private readonly ExceptionDispatchInfo _exception;
    private volatile bool _observed;

    public ExceptionHolder(ExceptionDispatchInfo exception)
    {
        _exception = exception;
        EventLoop.Current?.NoteFaulted(this); // a simulated loop fails a run that leaves it unobserved
    }

    public bool IsObserved => _observed;

    ~ExceptionHolder()
    {
        if (!_observed && !Environment.HasShutdownStarted)
        {
            Future.ReportUnobserved(_exception.SourceException);
        }
    }

    /// <summary>Marks the exception as seen (so it is never reported) and returns it.</summary>
    public ExceptionDispatchInfo Observe()
    {
        if (!_observed)
        {
            _observed = true;
            GC.SuppressFinalize(this);
        }

        return _exception;
    }
}

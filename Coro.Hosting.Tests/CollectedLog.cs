using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Coro.Hosting.Tests;

/// <summary>One entry an <see cref="ILogger"/> received.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>
/// A logger provider that keeps every entry, for tests to read and to wait for. Waits end on the
/// entry's arrival; their limit only keeps a broken test from hanging.
/// </summary>
internal sealed class CollectedLog : ILoggerProvider
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(60);
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The entries of category <c>Coro</c> with event <paramref name="eventName"/>.</summary>
    public LogEntry[] Coro(string eventName) =>
        [.. Entries.Where(e => e.Category == "Coro" && e.EventId.Name == eventName)];

    /// <summary>Waits until an entry matches <paramref name="match"/>, and returns it.</summary>
    public LogEntry WaitFor(Func<LogEntry, bool> match, string what)
    {
        var limit = Stopwatch.StartNew();
        lock (_entries)
        {
            while (true)
            {
                if (_entries.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                TimeSpan left = s_patience - limit.Elapsed;
                Assert.True(left > TimeSpan.Zero, $"no log entry for {what}:\n{string.Join('\n', _entries)}");
                Monitor.Wait(_entries, left);
            }
        }
    }

    public LogEntry WaitForCoro(string eventName) =>
        WaitFor(e => e.Category == "Coro" && e.EventId.Name == eventName, eventName);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            Monitor.PulseAll(_entries);
        }
    }

    private sealed class Logger(CollectedLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
    }
}

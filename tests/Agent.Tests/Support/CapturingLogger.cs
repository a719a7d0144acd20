using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Linkwatch.Agent.Tests.Support;

/// <summary>Keeps every log entry, so a test can assert what a loop logged and how often.</summary>
internal sealed class CapturingLogger : ILogger
{
    public sealed record Entry(LogLevel Level, EventId EventId, string Message);

    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => [.. _entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter) =>
        _entries.Enqueue(new Entry(logLevel, eventId, formatter(state, exception)));
}

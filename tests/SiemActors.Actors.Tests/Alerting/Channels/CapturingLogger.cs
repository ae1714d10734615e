using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SiemActors.Actors.Tests.Alerting.Channels;

/// <summary>An <see cref="ILogger"/> that keeps every entry, formatted, for assertions.</summary>
public sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Every message, exception and structured value, for "this secret never appears" checks.</summary>
    public string AllText => string.Join("\n", _entries.Select(e => e.ToString()));

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(p => p.Key, p => p.Value?.ToString())
            : new Dictionary<string, string?>();
        _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception, values));
    }
}

public sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception, IReadOnlyDictionary<string, string?> Values)
{
    public override string ToString() =>
        $"{Level} {EventId} {Message} {Exception} {string.Join(";", Values.Select(v => $"{v.Key}={v.Value}"))}";
}

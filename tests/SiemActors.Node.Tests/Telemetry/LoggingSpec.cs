using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SiemActors.Node.Hosting;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Telemetry;

public sealed class LoggingSpec
{
    [Fact]
    public async Task Json_console_logs_are_chosen_by_configuration_and_akka_logs_go_through_the_same_loggers()
    {
        var captured = new CapturingProvider();
        var dataDir = Path.Combine(Path.GetTempPath(), "siem-logging-test-" + Guid.NewGuid().ToString("N"));
        var app = NodeHost.Build(
        [
            "--urls=http://127.0.0.1:0", $"--Siem:DataDir={dataDir}", "--Siem:Cluster:Port=0",
            $"--Siem:Models:Path={RepoPaths.DefaultModel}", "--Siem:Models:Watch=false",
            "--Logging:Console:FormatterName=json", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Akka=Information",
        ], builder => builder.Logging.AddProvider(captured));
        try
        {
            Assert.Equal(ConsoleFormatterNames.Json, app.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
            await app.StartAsync();
            await Eventually.Async(() => Task.FromResult(captured.Categories.Keys.Any(c => c.StartsWith("Akka", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(30), "an Akka log event through Microsoft.Extensions.Logging");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentDictionary<string, int> Categories { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, this);
        public void Dispose() { }

        private sealed class Capturing(string category, CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Categories.AddOrUpdate(category, 1, (_, n) => n + 1);
        }
    }
}

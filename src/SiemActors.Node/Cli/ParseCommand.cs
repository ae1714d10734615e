using System.CommandLine;
using System.Text.Json;
using SiemActors.Domain.Parsing;
using SiemActors.Node.Http;

namespace SiemActors.Node.Cli;

/// <summary><c>siem parse</c>: raw lines to NDJSON events (ECS field names); unreadable lines become error objects.</summary>
public static class ParseCommand
{
    public static Command Create()
    {
        var source = SourceOption.Create();
        var file = new Argument<string>("file") { Description = "Log file, or - for standard input", DefaultValueFactory = _ => "-" };
        var command = new Command("parse", "Parse raw log lines to NDJSON events on stdout") { source, file };
        command.SetAction(parse =>
        {
            var kind = SourceOption.Parse(parse.GetValue(source));
            var receivedAt = DateTimeOffset.UtcNow;
            using var stdout = Console.OpenStandardOutput();
            using var writer = new Utf8JsonWriter(stdout);
            int ok = 0, failed = 0;
            foreach (var line in LineSource.Read([parse.GetValue(file)!]))
            {
                var outcome = LineParsers.Parse(kind, line, receivedAt);
                if (outcome.Event is { } ev)
                {
                    EventJson.Write(writer, ev);
                    ok++;
                }
                else
                {
                    writer.WriteStartObject();
                    writer.WriteString("error", outcome.Error);
                    writer.WriteString("line", line);
                    writer.WriteEndObject();
                    failed++;
                }
                writer.Flush();
                stdout.WriteByte((byte)'\n');
                writer.Reset();
            }
            Console.Error.WriteLine($"parsed {ok}, failed {failed}");
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using SiemActors.Domain.Events;

namespace SiemActors.Node.Cli;

public static class SourceOption
{
    public static Option<string> Create() => new Option<string>("--source", "-s")
    {
        Description = $"Log format: {string.Join(", ", SourceKinds.Names)}",
        DefaultValueFactory = _ => "auto",
    }.AcceptOnlyFromAmong([.. SourceKinds.Names]);

    public static SourceKind Parse(string? value) => SourceKinds.TryParse(value, out var kind) ? kind : SourceKind.Auto;
}

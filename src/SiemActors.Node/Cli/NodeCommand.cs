using System.CommandLine;
using Microsoft.Extensions.Options;
using SiemActors.Node.Hosting;
using SiemActors.Node.Security;

namespace SiemActors.Node.Cli;

/// <summary><c>siem node</c>: runs a cluster node until Ctrl+C. Host options pass through to ASP.NET Core configuration.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var command = new Command("node",
            "Run a cluster node: HTTP ingress, actors, persistence (default verb). Any configuration key can be given as "
            + "--Siem:DataDir=./data, --urls=http://127.0.0.1:5080, --Siem:Cluster:Port=4053, --Siem:Cluster:SeedNodes:0=akka.tcp://siem@host:4053.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync(parse.UnmatchedTokens.ToArray(), ct));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken ct)
    {
        var app = NodeHost.Build(hostArgs);
        // The budget as admission control binds it (Siem:Limits), so both read the same value.
        GcHeapLimit.Apply(app.Services.GetRequiredService<IOptions<AdmissionOptions>>().Value.MemoryBudgetMb,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GcHeapLimit)));
        await app.RunAsync(ct);
        return 0;
    }
}

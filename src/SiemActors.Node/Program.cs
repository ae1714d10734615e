using System.CommandLine;
using SiemActors.Node.Cli;

// `siem` with no verb (or only host options such as --urls) runs a node, as DESIGN.md promises.
var root = new RootCommand("SiemActors: actor-based SIEM anomaly detection. Verbs: node (default), parse, train, replay, simulate, eval, load, fuzz, apikey, health.")
{
    NodeCommand.Create(),
    ParseCommand.Create(),
    TrainCommand.Create(),
    ReplayCommand.Create(),
    SimulateCommand.Create(),
    EvalCommand.Create(),
    HealthCommand.Create(),
    ApiKeyCommand.Create(),
    FuzzCommand.Create(),
    LoadCommand.Create(),
};
root.TreatUnmatchedTokensAsErrors = false;
root.SetAction((parse, ct) => NodeCommand.RunAsync(args, ct));
return await root.Parse(args).InvokeAsync();

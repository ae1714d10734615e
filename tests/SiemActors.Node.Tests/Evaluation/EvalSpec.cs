using System.Text.Json;
using SiemActors.Detection.Scoring;
using SiemActors.Detection.Simulation;
using SiemActors.Domain.Events;
using SiemActors.Node.Evaluation;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Evaluation;

/// <summary>`siem eval`'s machinery on a few simulated attacks: the real actors find them, and the figures say so.</summary>
public sealed class EvalSpec
{
    [Fact]
    public async Task Simulated_attacks_replayed_through_an_in_process_node_are_alerted_and_counted()
    {
        var dir = Directory.CreateTempSubdirectory("siem-evalspec-").FullName;
        var log = Path.Combine(dir, "sim.log");
        var labelsPath = log + ".labels.jsonl";
        var start = new DateTimeOffset(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
        var duration = TimeSpan.FromHours(6);
        var simulator = new TrafficSimulator { Normal = new NormalTrafficGenerator { WebVisitsPerPeakHour = 60, SshSessionsPerPeakHour = 30, CrawlerRequestsPerHour = 20 } };
        long number = 0;
        await using (var writer = new StreamWriter(log))
        await using (var labelStream = File.Create(labelsPath))
        await using (var json = new Utf8JsonWriter(labelStream))
        {
            foreach (var line in simulator.Run(start, duration, 3, ScenarioCatalog.Resolve(["ssh_brute_force:count=2", "sql_injection:count=2"], 2)))
            {
                await writer.WriteLineAsync(line.Line);
                number++;
                if (line.Label is null) continue;
                LabelFile.WriteLine(json, number, line.Label);
                json.Flush();
                labelStream.WriteByte((byte)'\n');
                json.Reset();
            }
        }
        var labels = EvalLabels.Load(labelsPath);
        var detection = new DetectionOptions();
        await using var node = await InProcessNode.StartAsync(EnsembleModel.Load(RepoPaths.DefaultModel), detection, simulator.Geo, CancellationToken.None);
        var runner = new EvalRunner(node, new EvalSettings([log], labels, SourceKind.Auto, 1000, start + duration), detection.AlertThreshold);
        await runner.RunAsync(null, CancellationToken.None);
        await node.SettleAlertsAsync(1, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60), CancellationToken.None);
        var report = EvalReport.Build(runner, node.Alerts.Received, labels, 1);

        Assert.Equal(number, report.Lines);
        Assert.Equal(0, report.Rejected);
        Assert.Equal(["sql_injection", "ssh_brute_force"], report.Scenarios.Select(s => s.Scenario));
        Assert.All(report.Scenarios, s => Assert.Equal((2, 2), (s.Eligible, s.Alerted)));
        var brute = report.Scenarios.Single(s => s.Scenario == "ssh_brute_force");
        Assert.InRange(brute.MaxFailedLoginsToAlert ?? int.MaxValue, 1, 10);
        // Grouped: one incident per attacker and rule, not one per alerting line.
        Assert.InRange(report.Total.IncidentsOnAttackers, 4, 8);
        Assert.True(report.AlertingAttackEvents > report.Total.IncidentsOnAttackers);
        Assert.Equal(1.0, report.Total.Precision);
        Directory.Delete(dir, recursive: true);
    }
}

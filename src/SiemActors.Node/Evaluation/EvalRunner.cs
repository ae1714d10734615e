using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using SiemActors.Domain.Parsing;

namespace SiemActors.Node.Evaluation;

/// <summary>How to replay the files: their format, the batch size, and the receipt time that dates year-less lines.</summary>
public sealed record EvalSettings(IReadOnlyList<string> Files, EvalLabels Labels, SourceKind Source, int BatchSize, DateTimeOffset ReceivedAt);

/// <summary>
/// Replays labelled log files through an <see cref="InProcessNode"/>, one ask per batch in file order, and records for
/// each attack instance when it was first alerted and for the benign lines which of them alerted.
/// </summary>
public sealed class EvalRunner(InProcessNode node, EvalSettings settings, double alertThreshold)
{
    private readonly Dictionary<string, InstanceTracker> _instances = new(StringComparer.Ordinal);
    private readonly List<RawLine> _batch = [];
    private readonly List<LineInfo> _info = [];

    public long Lines { get; private set; }
    public long Rejected { get; private set; }
    public long BenignEvents { get; private set; }
    public long AttackEvents { get; private set; }
    public long AlertingBenignEvents { get; private set; }
    public long AlertingAttackEvents { get; private set; }
    public IReadOnlyCollection<InstanceTracker> Instances => _instances.Values;

    private readonly record struct LineInfo(InstanceTracker? Instance, int Events, int FailedLogins);

    public async Task RunAsync(IProgress<string>? progress, CancellationToken ct)
    {
        long number = 0;
        foreach (var file in settings.Files)
        {
            using var reader = new StreamReader(file);
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                number++;
                if (line.Length == 0) continue;
                Add(number, line);
                if (_batch.Count >= settings.BatchSize) await FlushAsync(ct);
                if (number % 200_000 == 0) progress?.Report($"{number:N0} lines, {_instances.Count(i => i.Value.Alert is not null)} of {_instances.Count} attack instances alerted so far");
            }
        }
        await FlushAsync(ct);
    }

    private void Add(long number, string line)
    {
        Lines++;
        // The node parses the line too; parsing here as well (same parser) tells which attack it belongs to and its address.
        var ev = LineParsers.Parse(settings.Source, line, settings.ReceivedAt).Event;
        var label = settings.Labels.For(number, ev?.SourceIp);
        InstanceTracker? instance = null;
        int events = 0, failed = 0;
        if (ev is not null && label is not null)
        {
            if (!_instances.TryGetValue(label.Instance, out instance)) _instances[label.Instance] = instance = new InstanceTracker(label);
            (events, failed) = instance.Observe(ev);
        }
        _batch.Add(new RawLine(line, settings.Source));
        _info.Add(new LineInfo(instance, events, failed));
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_batch.Count == 0) return;
        var answer = await node.IngestAsync(new IngestBatch([.. _batch], settings.ReceivedAt, VerdictDetail.Anomalies), ct);
        if (answer is BatchFailed failed) throw new InvalidOperationException($"the node could not score a batch: {failed.Reason}");
        var result = (BatchResult)answer;
        Rejected += result.Rejected.Count;
        var rejected = new HashSet<int>(result.Rejected.Select(r => r.Index));
        for (var i = 0; i < _info.Count; i++)
        {
            if (rejected.Contains(i)) continue;
            if (_info[i].Instance is null) BenignEvents++;
            else AttackEvents++;
        }
        foreach (var v in result.Verdicts)
        {
            if (v.Verdict.RiskScore < alertThreshold) continue;
            var info = _info[v.Index];
            if (info.Instance is not { } instance)
            {
                AlertingBenignEvents++;
                continue;
            }
            AlertingAttackEvents++;
            var rule = v.Verdict.Rules.OrderByDescending(r => r.Severity).Select(r => r.Rule).FirstOrDefault() ?? "anomaly";
            instance.Alerted(info.Events, info.FailedLogins, v.Event.Timestamp, rule);
        }
        _batch.Clear();
        _info.Clear();
    }
}

using Akka.Actor;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Ingress;
using SiemActors.Detection.Scoring;

namespace SiemActors.Actors.Scoring;

/// <summary>
/// One member of the scoring pool. Owns its own <see cref="EnsembleScorer"/> (ML.NET prediction engines
/// are not thread-safe), rebuilt when the model provider swaps models. Sends the verdicts to the batch's
/// collector and every verdict at or above the alert threshold to the alert entity.
/// </summary>
public sealed class ScorerActor : ReceiveActor
{
    private readonly ModelProvider _models;
    private readonly DetectionOptions _options;
    private readonly Func<IActorRef> _alerts;
    private EnsembleScorer? _scorer;
    private int _scorerVersion;

    public ScorerActor(ModelProvider models, DetectionOptions options, Func<IActorRef> alerts)
    {
        _models = models;
        _options = options;
        _alerts = alerts;
        Receive<ScoreEvents>(Handle);
    }

    public static Props Props(ModelProvider models, DetectionOptions options, Func<IActorRef> alerts) =>
        Akka.Actor.Props.Create(() => new ScorerActor(models, options, alerts));

    private void Handle(ScoreEvents m)
    {
        var scorer = CurrentScorer();
        // Nobody reads the reasons of a verdict that is neither returned nor alerted on.
        var explain = m.Detail != VerdictDetail.None;
        var verdicts = m.Detail == VerdictDetail.None ? [] : new List<IndexedVerdict>(m.Detail == VerdictDetail.All ? m.Items.Count : 0);
        int anomalies = 0, alerts = 0;
        Span<int> byLevel = stackalloc int[4];
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        foreach (var item in m.Items)
        {
            var verdict = scorer.Score(item.Event, item.Features, explain);
            byLevel[(int)verdict.Level & 3]++;
            if (verdict.IsAnomaly) anomalies++;
            if (m.Detail == VerdictDetail.All || (m.Detail == VerdictDetail.Anomalies && verdict.IsAnomaly))
                verdicts.Add(new IndexedVerdict(item.Index, item.Event, verdict));
            if (verdict.RiskScore >= _options.AlertThreshold)
            {
                alerts++;
                _alerts().Tell(AlertCandidate.From(item.Event, verdict));
            }
        }
        // Metrics once per message, not per event: the instruments' own cost showed in profiles of busy nodes.
        Telemetry.SiemMetrics.Scored(byLevel, m.Items.Count, started);
        m.ReplyTo.Tell(new EventsScored(m.Items.Count, anomalies, alerts, verdicts));
    }

    private EnsembleScorer CurrentScorer()
    {
        var version = _models.Version;
        if (_scorer is null || version != _scorerVersion)
        {
            _scorer = _models.Current.CreateScorer(_options);
            _scorerVersion = version;
        }
        return _scorer;
    }
}

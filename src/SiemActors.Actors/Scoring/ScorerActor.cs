using System.Buffers;
using Akka.Actor;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Ingress;
using SiemActors.Detection.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Risk;

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
        var count = m.Items.Count;
        // The whole message is scored as one batch: the forest is walked tree-major over it.
        var events = ArrayPool<LogEvent>.Shared.Rent(count);
        var features = ArrayPool<float[]>.Shared.Rent(count);
        var scored = ArrayPool<Verdict>.Shared.Rent(count);
        try
        {
            for (var i = 0; i < count; i++) (events[i], features[i]) = (m.Items[i].Event, m.Items[i].Features);
            scorer.Score(events.AsSpan(0, count), features.AsSpan(0, count), scored.AsSpan(0, count), explain);
            for (var i = 0; i < count; i++)
            {
                var item = m.Items[i];
                var verdict = scored[i];
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
        }
        finally
        {
            // Cleared so the pools do not keep events and verdicts alive.
            ArrayPool<LogEvent>.Shared.Return(events, clearArray: true);
            ArrayPool<float[]>.Shared.Return(features, clearArray: true);
            ArrayPool<Verdict>.Shared.Return(scored, clearArray: true);
        }
        // Metrics once per message, not per event: the instruments' own cost showed in profiles of busy nodes.
        Telemetry.SiemMetrics.Scored(byLevel, count, started);
        m.ReplyTo.Tell(new EventsScored(count, anomalies, alerts, verdicts));
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

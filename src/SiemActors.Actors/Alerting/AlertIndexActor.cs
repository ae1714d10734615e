using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// The read side of alerts on this node: follows every alert event in the journal (by tag) from the
/// beginning and keeps the newest incidents in memory for <c>GET /api/v1/alerts</c>. Every node runs
/// one, so any node lists the alerts of the whole cluster.
/// </summary>
public sealed class AlertIndexActor : ReceiveActor
{
    public const int Capacity = 10_000;

    private readonly Dictionary<string, AlertRecord> _byId = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public AlertIndexActor(string readJournalId)
    {
        Receive<EventEnvelope>(Apply);
        Receive<QueryAlerts>(q => Sender.Tell(Query(q)));
        Receive<Status.Failure>(f =>
        {
            // The stream ended on a database error: fail this actor so its supervisor restarts it and the query.
            throw new InvalidOperationException("alert index query stream failed", f.Cause);
        });

        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(readJournalId);
        var self = Self;
        journal.EventsByTag(AlertEntityActor.Tag, Offset.NoOffset())
            .RunWith(Sink.ActorRef<EventEnvelope>(self, new Status.Failure(new Exception("alert stream completed")), ex => new Status.Failure(ex)), Context.Materializer());
    }

    public static Props Props(string readJournalId) => Akka.Actor.Props.Create(() => new AlertIndexActor(readJournalId));

    private void Apply(EventEnvelope envelope)
    {
        switch (envelope.Event)
        {
            case IncidentRecorded r:
                var delivered = _byId.TryGetValue(r.State.AlertId, out var old) ? old.DeliveredRevision : 0;
                _byId[r.State.AlertId] = new AlertRecord(r.State, delivered, old?.DeliveryError);
                Trim();
                break;
            case IncidentDelivered d when _byId.TryGetValue(d.AlertId, out var rec):
                _byId[d.AlertId] = rec with { DeliveredRevision = Math.Max(rec.DeliveredRevision, d.Revision), DeliveryError = d.Error };
                break;
            default:
                _log.Debug("Alert index ignores {0}", envelope.Event.GetType().Name);
                break;
        }
    }

    private void Trim()
    {
        if (_byId.Count <= Capacity) return;
        foreach (var oldest in _byId.Values.OrderBy(r => r.Incident.LastSeen).Take(_byId.Count - Capacity).ToList())
            _byId.Remove(oldest.Incident.AlertId);
    }

    private AlertList Query(QueryAlerts q)
    {
        IEnumerable<AlertRecord> rows = _byId.Values;
        if (q.Since is { } since) rows = rows.Where(r => r.Incident.LastSeen >= since);
        if (q.Entity is { Length: > 0 } entity)
            rows = rows.Where(r => r.Incident.EntityKey == entity || $"{r.Incident.EntityType}:{r.Incident.EntityKey}" == entity);
        if (q.MinRisk is { } min) rows = rows.Where(r => r.Incident.PeakRiskScore >= min);
        var all = rows.OrderByDescending(r => r.Incident.LastSeen).ThenBy(r => r.Incident.AlertId, StringComparer.Ordinal).ToList();
        return new AlertList(all.Take(Math.Max(0, q.Limit)).ToList(), all.Count);
    }
}

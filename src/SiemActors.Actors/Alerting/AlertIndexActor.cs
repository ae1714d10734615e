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
/// <para>
/// It also wakes the outbox after a restart: sharded alert entities start only when a message reaches them, so an
/// entity whose revision had not reached every routed channel when its node stopped would wait for the next attack.
/// Shortly after start and then periodically, the index asks each such entity (through the alert region) to start,
/// which makes it recover and resume; once per alert revision in this index's lifetime.
/// </para>
/// </summary>
public sealed class AlertIndexActor : ReceiveActor, IWithTimers
{
    public const int Capacity = 10_000, TrimSlack = Capacity / 10;
    public static readonly TimeSpan FirstResumeSweep = TimeSpan.FromSeconds(2), ResumeSweepInterval = TimeSpan.FromSeconds(15);

    private readonly Dictionary<string, AlertRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _woken = new(StringComparer.Ordinal); // alert id -> revision woken for
    private readonly Func<IActorRef>? _alertRegion;
    private readonly AlertRouting? _routing;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public ITimerScheduler Timers { get; set; } = null!;

    public AlertIndexActor(string readJournalId) : this(readJournalId, null, null) { }

    /// <param name="alertRegion">Where to wake alert entities that owe a delivery; null: never (a read-only index).</param>
    public AlertIndexActor(string readJournalId, Func<IActorRef>? alertRegion, AlertRouting? routing)
    {
        _alertRegion = alertRegion;
        _routing = routing;
        Receive<EventEnvelope>(Apply);
        Receive<SweepPending>(_ => WakePending());
        Receive<QueryAlerts>(q => Sender.Tell(Query(q)));
        Receive<GetAlert>(q => Sender.Tell(new AlertFound(_byId.GetValueOrDefault(q.AlertId))));
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

    public static Props Props(string readJournalId, Func<IActorRef> alertRegion, AlertRouting routing) =>
        Akka.Actor.Props.Create(() => new AlertIndexActor(readJournalId, alertRegion, routing));

    protected override void PreStart()
    {
        if (_alertRegion is null) return;
        Timers.StartSingleTimer("first-sweep", SweepPending.Instance, FirstResumeSweep);
        Timers.StartPeriodicTimer("sweep", SweepPending.Instance, FirstResumeSweep + ResumeSweepInterval, ResumeSweepInterval);
    }

    private void WakePending()
    {
        if (_alertRegion is null || _routing is null) return;
        foreach (var r in _byId.Values)
        {
            if (r.EntityId is null || r.IsAcked || !OwesDelivery(r)) continue;
            if (_woken.TryGetValue(r.Incident.AlertId, out var revision) && revision >= r.Incident.Revision) continue;
            _woken[r.Incident.AlertId] = r.Incident.Revision;
            _log.Info("Waking alert entity {0}: alert {1} revision {2} is not delivered everywhere", r.EntityId, r.Incident.AlertId, r.Incident.Revision);
            _alertRegion().Tell(new ResumeDeliveries(r.EntityId));
        }
    }

    private bool OwesDelivery(AlertRecord r)
    {
        var all = r.Channels?.GetValueOrDefault("*")?.Revision ?? 0;
        return _routing!.ChannelsFor(r.Incident.Level)
            .Any(c => Math.Max(all, r.Channels?.GetValueOrDefault(c)?.Revision ?? 0) < r.Incident.Revision);
    }

    private sealed record SweepPending
    {
        public static readonly SweepPending Instance = new();
    }

    private void Apply(EventEnvelope envelope)
    {
        switch (envelope.Event)
        {
            case IncidentRecorded r:
                var entityId = envelope.PersistenceId.StartsWith("alert-", StringComparison.Ordinal) ? envelope.PersistenceId[6..] : null;
                _byId[r.State.AlertId] = _byId.TryGetValue(r.State.AlertId, out var old)
                    ? old with { Incident = r.State, EntityId = entityId ?? old.EntityId }
                    : new AlertRecord(r.State, 0, null, entityId);
                Trim();
                break;
            case IncidentDelivered d when _byId.TryGetValue(d.AlertId, out var rec):
                var channels = new Dictionary<string, ChannelDelivery>(rec.Channels ?? new Dictionary<string, ChannelDelivery>(), StringComparer.Ordinal);
                var channel = d.Channel ?? "*";
                if (!channels.TryGetValue(channel, out var was) || d.Revision >= was.Revision)
                    channels[channel] = new ChannelDelivery(d.Revision, d.Delivered, d.Error);
                _byId[d.AlertId] = rec with
                {
                    DeliveredRevision = Math.Max(rec.DeliveredRevision, d.Delivered ? d.Revision : 0),
                    DeliveryError = channels.Values.Select(c => c.Error).FirstOrDefault(e => e is not null),
                    Channels = channels,
                };
                break;
            case IncidentAcknowledged a when _byId.TryGetValue(a.AlertId, out var acked):
                _byId[a.AlertId] = acked with { Ack = a };
                break;
            default:
                _log.Debug("Alert index ignores {0}", envelope.Event.GetType().Name);
                break;
        }
    }

    /// <summary>
    /// Drops the oldest incidents once the index holds <see cref="TrimSlack"/> more than <see cref="Capacity"/>, down to
    /// <see cref="Capacity"/>: one sort per thousand new incidents instead of a sort of all 10,000 for each (6% of a
    /// node's CPU while alerts poured in).
    /// </summary>
    private void Trim()
    {
        if (_byId.Count <= Capacity + TrimSlack) return;
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
        if (q.Scenario is { Length: > 0 } scenario) rows = rows.Where(r => r.Incident.Scenario == scenario);
        if (q.Level is { } level) rows = rows.Where(r => r.Incident.Level == level);
        if (q.Acked is { } acked) rows = rows.Where(r => r.IsAcked == acked);
        var all = rows.OrderByDescending(r => r.Incident.LastSeen).ThenBy(r => r.Incident.AlertId, StringComparer.Ordinal).ToList();
        return new AlertList(all.Skip(Math.Max(0, q.Offset)).Take(Math.Max(0, q.Limit)).ToList(), all.Count);
    }
}

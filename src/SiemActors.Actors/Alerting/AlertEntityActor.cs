using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Telemetry;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// The sharded, persistent alert entity of one observed entity (an IP, a user). Drops allow-listed candidates
/// (counted, and recorded on flush), groups verdicts into one incident per scenario, folds repeats, posts a new
/// incident once, an escalation at once and folded updates at most once per cooldown, and none while acknowledged.
/// Every revision is persisted before it is handed to delivery (outbox); delivery is tracked per channel, and the
/// channels that have not confirmed a revision get it again after recovery. A revision the journal failed to write
/// comes back through the alert region (<see cref="RetryIncident"/>), with back-off, until it is written.
/// </summary>
public sealed class AlertEntityActor : ReceivePersistentActor, IWithTimers
{
    public const string Tag = "alert";
    /// <summary>Akka.Persistence's built-in store that holds nothing.</summary>
    public const string NoSnapshotStore = "akka.persistence.no-snapshot-store";
    /// <summary>The scenario of verdicts that no rule named: the models alone found them unusual.</summary>
    public const string AnomalyScenario = "anomaly";
    /// <summary>The one channel of an entity built without routing.</summary>
    public const string DefaultChannel = "default";
    /// <summary>Delivery recorded without a channel (events written before per-channel delivery): it counts for every channel.</summary>
    private const string AllChannels = "*";
    /// <summary>The longest wait before an incident whose write failed is tried again.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    private readonly string _entityId;
    private readonly AlertOptions _options;
    private readonly Func<IActorRef> _delivery;
    private readonly AlertRouting _routing;
    private readonly SuppressionPolicy _suppression;
    private readonly Func<IActorRef>? _retryVia;
    private readonly Dictionary<string, IncidentState> _incidents = new(StringComparer.Ordinal);                 // by scenario
    private readonly Dictionary<string, Dictionary<string, int>> _delivered = new(StringComparer.Ordinal);      // alert id -> channel -> revision
    private readonly Dictionary<string, IncidentAcknowledged> _acks = new(StringComparer.Ordinal);              // alert id -> ack
    private readonly Dictionary<string, HashSet<string>> _toResolve = new(StringComparer.Ordinal);              // alert id -> channels
    private readonly Dictionary<(string Scenario, string Rule), AlertsSuppressed> _suppressed = [];             // not yet persisted
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);                                      // scenarios with unpersisted folds
    private readonly Dictionary<string, DateTime> _lastPostedUtc = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private int _attempt;   // failed writes so far of the revision being recorded (from a RetryIncident)

    public AlertEntityActor(string entityId, AlertOptions options, Func<IActorRef> delivery)
        : this(entityId, options, delivery, AlertRouting.Single(DefaultChannel), SuppressionPolicy.From(options.Suppress))
    {
    }

    /// <param name="retryVia">Where a revision the journal failed to write is sent back to (the alert region); none: it is lost.</param>
    public AlertEntityActor(string entityId, AlertOptions options, Func<IActorRef> delivery, AlertRouting routing, SuppressionPolicy suppression,
        Func<IActorRef>? retryVia = null)
    {
        _entityId = entityId;
        _options = options;
        _delivery = delivery;
        _routing = routing;
        _suppression = suppression;
        _retryVia = retryVia;
        PersistenceId = "alert-" + entityId;
        // An incident history is a few events: it is never snapshotted, so recovery skips the snapshot store's query
        // (5% of a busy node's CPU while thousands of new alert entities started).
        SnapshotPluginId = NoSnapshotStore;

        Recover<IncidentRecorded>(e => Apply(e));
        Recover<IncidentDelivered>(Apply);
        Recover<IncidentAcknowledged>(Apply);
        Recover<IncidentResolved>(Apply);
        Recover<AlertsSuppressed>(_ => { });
        Recover<RecoveryCompleted>(_ => ResumePending());

        Command<AlertCandidate>(Handle);
        Command<FlushIncidents>(_ => Flush());
        // Passivation and hand-off: what was folded since the last flush is written before the entity goes.
        Command<StopEntity>(_ =>
        {
            Flush();
            DeferAsync(StopEntity.Instance, _ => Context.Stop(Self));
        });
        Command<AcknowledgeIncident>(Acknowledge);
        Command<ResumeDeliveries>(_ => { }); // recovery has resumed what was owed
        Command<RetryIncident>(Retry);
        Command<AlertDeliveryEnded>(m => Persist(
            new Tagged(new IncidentDelivered(m.AlertId, m.Revision, m.Delivered, m.Error, m.Channel), [Tag]),
            t => Apply((IncidentDelivered)t.Payload)));
        Command<AlertResolveEnded>(m => Persist(
            new Tagged(new IncidentResolved(m.AlertId, m.Channel, m.Delivered, m.Error), [Tag]),
            t => Apply((IncidentResolved)t.Payload)));
    }

    public override string PersistenceId { get; }
    public ITimerScheduler Timers { get; set; } = null!;

    private void Handle(AlertCandidate c)
    {
        if (_suppression.Match(c) is { } rule)
        {
            Suppress(c, rule);
            return;
        }
        if (OpenIncidentFor(c) is not { } open)
        {
            Record(IncidentState.Open(c), deliver: true);
            return;
        }
        var folded = open.Fold(c);
        if (folded.Scenario != c.Scenario && open.Scenario == AnomalyScenario)
        {
            // A rule has now named what the model only found unusual: same incident, clearer label.
            _incidents.Remove(open.Scenario);
            folded = folded with { Scenario = c.Scenario };
        }
        if (folded.Level > open.PostedLevel)
        {
            // Escalation (e.g. medium -> critical) is news, acknowledged or not: post it now, not at the next cooldown.
            Record(folded with { Revision = open.Revision + 1, PostedLevel = folded.Level, PostedEventCount = folded.EventCount }, deliver: true);
            return;
        }
        _incidents[folded.Scenario] = folded;
        _dirty.Add(folded.Scenario);
        StartFlushTimer();
    }

    /// <summary>An allow-listed candidate: counted now, recorded at the next flush as one event per scenario and rule.</summary>
    private void Suppress(AlertCandidate c, string rule)
    {
        SiemMetrics.AlertSuppressed(rule);
        var key = (c.Scenario, rule);
        _suppressed[key] = _suppressed.TryGetValue(key, out var s)
            ? s with
            {
                Count = s.Count + 1,
                FirstSeen = c.EventTime < s.FirstSeen ? c.EventTime : s.FirstSeen,
                LastSeen = c.EventTime > s.LastSeen ? c.EventTime : s.LastSeen,
            }
            : new AlertsSuppressed(c.Scenario, rule, 1, c.EventTime, c.EventTime);
        StartFlushTimer();
    }

    // Not restarted on every fold: under a steady attack the timer must still fire.
    private void StartFlushTimer()
    {
        if (!Timers.IsTimerActive("persist")) Timers.StartSingleTimer("persist", FlushIncidents.Instance, _options.FlushInterval);
    }

    /// <summary>
    /// The incident a verdict belongs to: the open one of its scenario; for a model-only anomaly, any open incident
    /// of this entity; for a rule, an open model-only anomaly incident, which the rule then names.
    /// </summary>
    private IncidentState? OpenIncidentFor(AlertCandidate c)
    {
        bool IsOpen(IncidentState s) => c.EventTime - s.LastSeen <= _options.IncidentWindow;
        if (_incidents.TryGetValue(c.Scenario, out var same) && IsOpen(same)) return same;
        if (c.Scenario == AnomalyScenario)
            return _incidents.Values.Where(IsOpen).OrderByDescending(s => s.LastSeen).FirstOrDefault();
        return _incidents.TryGetValue(AnomalyScenario, out var anomaly) && IsOpen(anomaly) ? anomaly : null;
    }

    private void Flush()
    {
        var now = DateTime.UtcNow;
        var waiting = false;
        foreach (var s in _incidents.Values.ToList())
        {
            var unposted = s.EventCount > s.PostedEventCount;
            if (!unposted && !_dirty.Contains(s.Scenario)) continue;
            // An acknowledged incident keeps counting, silently, until it escalates.
            var acked = IsAcked(s);
            var due = unposted && !acked && (!_lastPostedUtc.TryGetValue(s.AlertId, out var last) || now - last >= _options.UpdateCooldown);
            if (due) Record(s with { Revision = s.Revision + 1, PostedLevel = s.Level, PostedEventCount = s.EventCount }, deliver: true);
            else if (_dirty.Contains(s.Scenario)) Record(s, deliver: false);
            waiting |= unposted && !due && !acked;
        }
        _dirty.Clear();
        FlushSuppressed();
        // Folded events not yet posted go out in an update once the cooldown since the last post has passed.
        if (waiting && !Timers.IsTimerActive("update")) Timers.StartSingleTimer("update", FlushIncidents.Instance, _options.UpdateCooldown);
    }

    private void FlushSuppressed()
    {
        if (_suppressed.Count == 0) return;
        var tallies = _suppressed.Values.ToList();
        _suppressed.Clear();
        PersistAll(tallies.Select(t => new Tagged(t, [Tag])), tagged =>
        {
            var t = (AlertsSuppressed)tagged.Payload;
            _log.Info("Suppressed {0} alert candidates of {1} ({2}) by the allow-listed {3}", t.Count, _entityId, t.Scenario, t.Rule);
        });
    }

    private void Record(IncidentState state, bool deliver)
    {
        _dirty.Remove(state.Scenario);
        Persist(new Tagged(new IncidentRecorded(state, deliver), [Tag]), tagged =>
        {
            _attempt = 0;
            var closed = Apply((IncidentRecorded)tagged.Payload);
            if (deliver && !IsAcked(state)) Deliver(state, isRepeat: false);
            if (closed is not null) SendResolve(closed.AlertId);
        });
    }

    /// <summary>
    /// A revision whose write failed, back after this entity's restart: recorded (and delivered) unless the journal
    /// already holds it, or a newer incident of its scenario took its place meanwhile (it was raised under that one).
    /// </summary>
    private void Retry(RetryIncident m)
    {
        var state = m.State;
        if (_incidents.TryGetValue(state.Scenario, out var current))
        {
            if (current.AlertId != state.AlertId && current.LastSeen >= state.LastSeen) return;
            if (current.AlertId == state.AlertId && current.Revision >= state.Revision && current.EventCount >= state.EventCount) return;
        }
        _log.Info("Recording alert {0} revision {1} again after {2} failed write(s)", state.AlertId, state.Revision, m.Attempt);
        _attempt = m.Attempt;
        Record(state, m.Deliver);
    }

    /// <summary>
    /// The journal failed a write; the entity stops now (Akka.Persistence does so, the write's outcome unknown). An
    /// incident revision is sent back through the alert region to be recorded again, so no alert is lost.
    /// </summary>
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistFailure(cause, @event, sequenceNr);
        SiemMetrics.AlertPersistFailed();
        if (@event is not Tagged { Payload: IncidentRecorded recorded } || _retryVia is null) return;
        var attempt = _attempt + 1;
        var delay = RetryDelay(attempt);
        _log.Warning("Alert {0} revision {1} could not be written ({2}); trying again in {3}", recorded.State.AlertId, recorded.State.Revision, cause.Message, delay);
        Context.System.Scheduler.ScheduleTellOnce(delay, _retryVia(), new RetryIncident(_entityId, recorded.State, recorded.Deliver, attempt), ActorRefs.NoSender);
    }

    /// <summary>1 s after the first failure, doubling up to <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelay.TotalSeconds, Math.Pow(2, Math.Min(attempt, 30) - 1)));

    private void Deliver(IncidentState state, bool isRepeat)
    {
        _lastPostedUtc[state.AlertId] = DateTime.UtcNow;
        var channels = Owed(state);
        if (channels.Count == 0) return; // nothing routed for this level: recorded, not posted
        _delivery().Tell(new DeliverAlert(_entityId, state.ToNotification(isRepeat, _options.PublicUrl), channels));
    }

    /// <summary>The channels routed for the incident's level that have not ended delivery of its current revision.</summary>
    private List<string> Owed(IncidentState s)
    {
        var delivered = _delivered.GetValueOrDefault(s.AlertId);
        var all = delivered?.GetValueOrDefault(AllChannels) ?? 0;
        return [.. _routing.ChannelsFor(s.Level).Where(c => Math.Max(all, delivered?.GetValueOrDefault(c) ?? 0) < s.Revision)];
    }

    private bool IsAcked(IncidentState s) => _acks.TryGetValue(s.AlertId, out var ack) && s.Level <= ack.Level;

    private void Acknowledge(AcknowledgeIncident m)
    {
        var incident = _incidents.Values.FirstOrDefault(s => s.AlertId == m.AlertId);
        if (incident is null)
        {
            Sender.Tell(new IncidentAckResult(m.AlertId, AckOutcome.NotFound, null));
            return;
        }
        if (_acks.TryGetValue(m.AlertId, out var prior) && incident.Level <= prior.Level)
        {
            Sender.Tell(new IncidentAckResult(m.AlertId, AckOutcome.AlreadyAcknowledged, prior));
            return;
        }
        var sender = Sender;
        var ack = new IncidentAcknowledged(m.AlertId, m.By, DateTimeOffset.UtcNow, m.Note, incident.Level);
        Persist(new Tagged(ack, [Tag]), _ =>
        {
            Apply(ack);
            sender.Tell(new IncidentAckResult(m.AlertId, AckOutcome.Acknowledged, ack));
            SendResolve(m.AlertId);
        });
    }

    private void SendResolve(string alertId)
    {
        if (_toResolve.TryGetValue(alertId, out var channels) && channels.Count > 0)
            _delivery().Tell(new ResolveAlert(_entityId, alertId, [.. channels]));
    }

    private void ResumePending()
    {
        foreach (var s in _incidents.Values)
        {
            // An acknowledged revision has been seen by a person: no need to post it again.
            if (IsAcked(s) || Owed(s).Count == 0) continue;
            _log.Info("Resuming delivery of alert {0} revision {1} after recovery", s.AlertId, s.Revision);
            // The earlier attempt may have reached the reader before the node went down.
            Deliver(s, isRepeat: true);
        }
        foreach (var alertId in _toResolve.Keys) SendResolve(alertId);
    }

    /// <summary>Applies a recorded incident; returns the incident of the same scenario it closed (replaced by a new one), if any.</summary>
    private IncidentState? Apply(IncidentRecorded e)
    {
        // An incident renamed from "anomaly" to a rule's scenario keeps its id: drop it under the old name.
        foreach (var (scenario, s) in _incidents.ToList())
            if (s.AlertId == e.State.AlertId && scenario != e.State.Scenario) _incidents.Remove(scenario);
        var existing = _incidents.GetValueOrDefault(e.State.Scenario);
        if (existing is not null && existing.AlertId != e.State.AlertId && e.State.LastSeen < existing.LastSeen) return null;
        _incidents[e.State.Scenario] = e.State;
        if (existing is null || existing.AlertId == e.State.AlertId) return null;
        Close(existing);
        return existing;
    }

    /// <summary>A new incident replaced <paramref name="closed"/>: what it raised on resolvable channels is resolved, and its bookkeeping goes.</summary>
    private void Close(IncidentState closed)
    {
        var acked = _acks.Remove(closed.AlertId);
        _delivered.Remove(closed.AlertId);
        _lastPostedUtc.Remove(closed.AlertId);
        if (!acked) MarkToResolve(closed.AlertId, closed.PostedLevel); // an acked one was resolved when it was acked
    }

    private void MarkToResolve(string alertId, Domain.Risk.RiskLevel level)
    {
        var channels = _routing.ResolvableFor(level);
        if (channels.Count > 0) _toResolve[alertId] = new HashSet<string>(channels, StringComparer.Ordinal);
    }

    private void Apply(IncidentDelivered e)
    {
        var channels = _delivered.TryGetValue(e.AlertId, out var c) ? c : _delivered[e.AlertId] = new Dictionary<string, int>(StringComparer.Ordinal);
        var channel = e.Channel ?? AllChannels;
        if (e.Revision > channels.GetValueOrDefault(channel)) channels[channel] = e.Revision;
        if (!e.Delivered) _log.Error("Alert {0} revision {1} could not be delivered: {2}", e.AlertId, e.Revision, e.Error);
    }

    private void Apply(IncidentAcknowledged e)
    {
        _acks[e.AlertId] = e;
        MarkToResolve(e.AlertId, e.Level);
    }

    private void Apply(IncidentResolved e)
    {
        // Resolved, or given up as permanently refused: either way not to be sent again.
        if (_toResolve.TryGetValue(e.AlertId, out var channels) && channels.Remove(e.Channel) && channels.Count == 0)
            _toResolve.Remove(e.AlertId);
        if (!e.Delivered) _log.Error("Alert {0} could not be resolved on {1}: {2}", e.AlertId, e.Channel, e.Error);
    }
}

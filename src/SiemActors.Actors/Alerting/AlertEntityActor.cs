using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace SiemActors.Actors.Alerting;

/// <summary>
/// The sharded, persistent alert entity of one observed entity (an IP, a user). Groups verdicts into
/// one incident per scenario, folds repeats, posts a new incident once, an escalation at once and
/// folded updates at most once per cooldown. Every revision is persisted before it is handed to
/// delivery (outbox), and revisions not confirmed delivered are handed over again after recovery.
/// </summary>
public sealed class AlertEntityActor : ReceivePersistentActor, IWithTimers
{
    public const string Tag = "alert";
    /// <summary>The scenario of verdicts that no rule named: the models alone found them unusual.</summary>
    public const string AnomalyScenario = "anomaly";

    private readonly string _entityId;
    private readonly AlertOptions _options;
    private readonly Func<IActorRef> _delivery;
    private readonly Dictionary<string, IncidentState> _incidents = new(StringComparer.Ordinal); // by scenario
    private readonly Dictionary<string, int> _delivered = new(StringComparer.Ordinal);           // alert id -> revision
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);                        // scenarios with unpersisted folds
    private readonly Dictionary<string, DateTime> _lastPostedUtc = new(StringComparer.Ordinal);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public AlertEntityActor(string entityId, AlertOptions options, Func<IActorRef> delivery)
    {
        _entityId = entityId;
        _options = options;
        _delivery = delivery;
        PersistenceId = "alert-" + entityId;

        Recover<IncidentRecorded>(Apply);
        Recover<IncidentDelivered>(Apply);
        Recover<RecoveryCompleted>(_ => ResumePendingDeliveries());

        Command<AlertCandidate>(Handle);
        Command<FlushIncidents>(_ => Flush());
        Command<AlertDeliveryEnded>(m => Persist(
            new Tagged(new IncidentDelivered(m.AlertId, m.Revision, m.Delivered, m.Error), [Tag]),
            t => Apply((IncidentDelivered)t.Payload)));
    }

    public override string PersistenceId { get; }
    public ITimerScheduler Timers { get; set; } = null!;

    private void Handle(AlertCandidate c)
    {
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
            // Escalation (e.g. medium -> critical) is news: post it now, not at the next cooldown.
            Record(folded with { Revision = open.Revision + 1, PostedLevel = folded.Level, PostedEventCount = folded.EventCount }, deliver: true);
            return;
        }
        _incidents[folded.Scenario] = folded;
        _dirty.Add(folded.Scenario);
        // Not restarted on every fold: under a steady attack the timer must still fire.
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
            var due = unposted && (!_lastPostedUtc.TryGetValue(s.AlertId, out var last) || now - last >= _options.UpdateCooldown);
            if (due) Record(s with { Revision = s.Revision + 1, PostedLevel = s.Level, PostedEventCount = s.EventCount }, deliver: true);
            else if (_dirty.Contains(s.Scenario)) Record(s, deliver: false);
            waiting |= unposted && !due;
        }
        _dirty.Clear();
        // Folded events not yet posted go out in an update once the cooldown since the last post has passed.
        if (waiting && !Timers.IsTimerActive("update")) Timers.StartSingleTimer("update", FlushIncidents.Instance, _options.UpdateCooldown);
    }

    private void Record(IncidentState state, bool deliver)
    {
        _incidents[state.Scenario] = state;
        _dirty.Remove(state.Scenario);
        Persist(new Tagged(new IncidentRecorded(state, deliver), [Tag]), tagged =>
        {
            Apply((IncidentRecorded)tagged.Payload);
            if (deliver) Deliver(state, isRepeat: false);
        });
    }

    private void Deliver(IncidentState state, bool isRepeat)
    {
        _lastPostedUtc[state.AlertId] = DateTime.UtcNow;
        _delivery().Tell(new DeliverAlert(_entityId, state.ToNotification(isRepeat, _options.PublicUrl)));
    }

    private void ResumePendingDeliveries()
    {
        foreach (var s in _incidents.Values)
        {
            var delivered = _delivered.GetValueOrDefault(s.AlertId);
            if (s.Revision > delivered)
            {
                _log.Info("Resuming delivery of alert {0} revision {1} after recovery", s.AlertId, s.Revision);
                // The earlier attempt may have reached the reader before the node went down.
                Deliver(s, isRepeat: true);
            }
        }
    }

    private void Apply(IncidentRecorded e)
    {
        // An incident renamed from "anomaly" to a rule's scenario keeps its id: drop it under the old name.
        foreach (var (scenario, s) in _incidents.ToList())
            if (s.AlertId == e.State.AlertId && scenario != e.State.Scenario) _incidents.Remove(scenario);
        var existing = _incidents.GetValueOrDefault(e.State.Scenario);
        if (existing is null || existing.AlertId == e.State.AlertId || e.State.LastSeen >= existing.LastSeen)
            _incidents[e.State.Scenario] = e.State;
    }

    private void Apply(IncidentDelivered e)
    {
        if (e.Revision > _delivered.GetValueOrDefault(e.AlertId)) _delivered[e.AlertId] = e.Revision;
        if (!e.Delivered) _log.Error("Alert {0} revision {1} could not be delivered: {2}", e.AlertId, e.Revision, e.Error);
    }
}

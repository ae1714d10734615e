using System.Globalization;
using System.Text.Json;
using SiemActors.Actors.Alerting;

namespace SiemActors.Node.Evaluation;

/// <summary>
/// The figures of one evaluation. Recall: attack instances (attacker addresses) with at least one alerting verdict
/// during their attack, over instances with at least <c>MinEvents</c> events. Precision: incidents (alerts as the alert
/// actors group them: one per entity and scenario) about an attacker address or a targeted account, over all incidents.
/// False alerts per 10k: the other incidents per 10,000 benign events.
/// </summary>
public sealed record EvalReport(
    long Lines, long Rejected, long BenignEvents, long AttackEvents, long AlertingBenignEvents, long AlertingAttackEvents,
    IReadOnlyList<EvalReport.ScenarioFigures> Scenarios, EvalReport.Totals Total, IReadOnlyList<EvalReport.RuleFigures> Rules,
    IReadOnlyList<EvalReport.Incident> FalseAlerts)
{
    public sealed record ScenarioFigures(string Scenario, int Instances, int Eligible, int Alerted, double Recall,
        double? MedianEventsToAlert, int? MaxEventsToAlert, double? MedianSecondsToAlert, double? MaxSecondsToAlert, int? MaxFailedLoginsToAlert,
        IReadOnlyList<string> FirstRules, IReadOnlyList<string> Missed);

    public sealed record Totals(int Instances, int Eligible, int Alerted, double Recall, double MinScenarioRecall, int Incidents, int IncidentsOnAttackers,
        double Precision, int FalseIncidents, double FalseAlertsPer10kBenign, double AlertingEventRate, double AlertingBenignEventRate);

    public sealed record RuleFigures(string Rule, int Incidents, int OnAttackers);

    public sealed record Incident(string Entity, string Scenario, DateTimeOffset FirstSeen, string Reason);

    public static EvalReport Build(EvalRunner run, IReadOnlyList<AlertNotification> notifications, EvalLabels labels, int minEvents)
    {
        var scenarios = run.Instances.GroupBy(i => i.Label.Scenario).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, [.. g], minEvents)).ToList();
        // One incident per alert id; its last revision has the final scenario (an "anomaly" incident may be renamed by a rule).
        var incidents = notifications.GroupBy(n => n.AlertId).Select(g => g.OrderBy(n => n.Revision).Last()).ToList();
        bool OnAttacker(AlertNotification n) => n.EntityType == "ip" ? labels.AttackerIps.Contains(n.EntityKey) : labels.TargetUsers.Contains(n.EntityKey);
        var onAttackers = incidents.Count(OnAttacker);
        var falseOnes = incidents.Where(n => !OnAttacker(n)).OrderBy(n => n.FirstSeen).ToList();
        var eligible = scenarios.Sum(s => s.Eligible);
        var alerted = scenarios.Sum(s => s.Alerted);
        var events = run.BenignEvents + run.AttackEvents;
        var total = new Totals(
            scenarios.Sum(s => s.Instances), eligible, alerted, eligible == 0 ? 1 : (double)alerted / eligible,
            scenarios.Count == 0 ? 1 : scenarios.Min(s => s.Recall),
            incidents.Count, onAttackers, incidents.Count == 0 ? 1 : (double)onAttackers / incidents.Count,
            falseOnes.Count, run.BenignEvents == 0 ? 0 : falseOnes.Count * 10_000.0 / run.BenignEvents,
            events == 0 ? 0 : (double)(run.AlertingBenignEvents + run.AlertingAttackEvents) / events,
            run.BenignEvents == 0 ? 0 : (double)run.AlertingBenignEvents / run.BenignEvents);
        var rules = incidents.GroupBy(n => n.Scenario).OrderByDescending(g => g.Count())
            .Select(g => new RuleFigures(g.Key, g.Count(), g.Count(OnAttacker))).ToList();
        var falseSample = falseOnes.Take(20)
            .Select(n => new Incident($"{n.EntityType}:{n.EntityKey}", n.Scenario, n.FirstSeen, n.Reasons.FirstOrDefault() ?? "")).ToList();
        return new EvalReport(run.Lines, run.Rejected, run.BenignEvents, run.AttackEvents, run.AlertingBenignEvents, run.AlertingAttackEvents,
            scenarios, total, rules, falseSample);
    }

    private static ScenarioFigures Figures(string scenario, IReadOnlyList<InstanceTracker> all, int minEvents)
    {
        var eligible = all.Where(i => i.Events >= minEvents).ToList();
        var alerts = eligible.Where(i => i.Alert is not null).Select(i => i.Alert!).ToList();
        var missed = eligible.Where(i => i.Alert is null).Select(i => i.Label.Ip ?? i.Label.User ?? i.Label.Instance).Take(10).ToList();
        var firstRules = alerts.GroupBy(a => a.Rule).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ({g.Count()})").ToList();
        return new ScenarioFigures(scenario, all.Count, eligible.Count, alerts.Count, eligible.Count == 0 ? 1 : (double)alerts.Count / eligible.Count,
            Median(alerts.Select(a => (double)a.Events)), alerts.Count == 0 ? null : alerts.Max(a => a.Events),
            Median(alerts.Select(a => a.After.TotalSeconds)), alerts.Count == 0 ? null : alerts.Max(a => a.After.TotalSeconds),
            alerts.Count == 0 || alerts.All(a => a.FailedLogins == 0) ? null : alerts.Max(a => a.FailedLogins),
            firstRules, missed);
    }

    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public void Print(TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        w.WriteLine(string.Create(c, $"lines {Lines:N0}, rejected {Rejected:N0}, benign events {BenignEvents:N0}, attack events {AttackEvents:N0}"));
        w.WriteLine();
        w.WriteLine($"{"scenario",-22} {"inst",5} {"alerted",7} {"recall",7} {"ev→alert med/max",17} {"s→alert med/max",17} {"fails→alert",11}  first rule");
        foreach (var s in Scenarios)
        {
            w.WriteLine(string.Create(c,
                $"{s.Scenario,-22} {s.Eligible,5} {s.Alerted,7} {s.Recall,7:0.000} {Pair(s.MedianEventsToAlert, s.MaxEventsToAlert),17} {Pair(s.MedianSecondsToAlert, s.MaxSecondsToAlert),17} {(s.MaxFailedLoginsToAlert?.ToString(c) ?? "-"),11}  {string.Join(", ", s.FirstRules.Take(3))}"));
            if (s.Missed.Count > 0) w.WriteLine($"{"",22}   missed: {string.Join(", ", s.Missed)}");
        }
        var t = Total;
        w.WriteLine();
        w.WriteLine(string.Create(c, $"total: recall {t.Recall:0.000} ({t.Alerted}/{t.Eligible}; lowest scenario {t.MinScenarioRecall:0.000}), precision {t.Precision:0.000} ({t.IncidentsOnAttackers}/{t.Incidents} incidents), "
            + $"false alerts {t.FalseIncidents} = {t.FalseAlertsPer10kBenign:0.000} per 10k benign events"));
        w.WriteLine(string.Create(c, $"alerting events: {AlertingBenignEvents + AlertingAttackEvents:N0} of {BenignEvents + AttackEvents:N0} ({t.AlertingEventRate:P3}); benign alerting events {AlertingBenignEvents:N0} ({t.AlertingBenignEventRate:P3})"));
        w.WriteLine("incidents by rule: " + string.Join(", ", Rules.Select(r => $"{r.Rule} {r.Incidents} ({r.OnAttackers} on attackers)")));
        foreach (var f in FalseAlerts.Take(10)) w.WriteLine($"  false alert: {f.Entity} {f.Scenario} at {f.FirstSeen:u}: {f.Reason}");
    }

    private static string Pair(double? median, double? max) =>
        median is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{median:0.#}/{max:0.#}");

    public void WriteJson(string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, this, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
    }
}

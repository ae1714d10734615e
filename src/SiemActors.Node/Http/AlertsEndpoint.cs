using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Hosting;
using SiemActors.Domain.Risk;

namespace SiemActors.Node.Http;

/// <summary><c>GET /api/v1/alerts?since=&amp;entity=&amp;min_risk=&amp;limit=</c>: persisted incidents, newest first.</summary>
public static class AlertsEndpoint
{
    public const int DefaultLimit = 100, MaxLimit = 1000;

    public static async Task<IResult> Handle(HttpContext context, IRequiredActor<AlertIndex> index)
    {
        var q = context.Request.Query;
        DateTimeOffset? since = null;
        if (q.TryGetValue("since", out var s))
        {
            if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return Problems.BadRequest($"'since' must be an ISO 8601 time, got '{s}'");
            since = parsed;
        }
        double? minRisk = null;
        if (q.TryGetValue("min_risk", out var m))
        {
            if (!double.TryParse(m, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || parsed is < 0 or > 1)
                return Problems.BadRequest($"'min_risk' must be a number from 0 to 1, got '{m}'");
            minRisk = parsed;
        }
        var limit = DefaultLimit;
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, out limit) || limit is < 1 or > MaxLimit))
            return Problems.BadRequest($"'limit' must be a whole number from 1 to {MaxLimit}, got '{l}'");

        var actor = await index.GetAsync(context.RequestAborted);
        var list = await actor.Ask<AlertList>(new QueryAlerts(since, q["entity"].ToString(), minRisk, limit), TimeSpan.FromSeconds(10), context.RequestAborted);
        return Results.Json(new AlertListResponse(list.Alerts.Select(AlertResponse.From).ToList(), list.Total), NodeJson.Options);
    }
}

public sealed record AlertListResponse(IReadOnlyList<AlertResponse> Alerts, int Total);

public sealed record AlertResponse(
    string Id, string EntityType, string Entity, string Scenario, string RiskLevel, double RiskScore, double PeakRiskScore,
    string RecommendedAction, IReadOnlyList<string> Reasons, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    long EventCount, IReadOnlyList<string> SampleLines, int Revision, int DeliveredRevision, string? DeliveryError)
{
    public static AlertResponse From(AlertRecord r)
    {
        var i = r.Incident;
        return new AlertResponse(i.AlertId, i.EntityType, i.EntityKey, i.Scenario, i.Level.ToWire(), Math.Round(i.RiskScore, 4),
            Math.Round(i.PeakRiskScore, 4), i.Action.ToWire(), i.Reasons, i.FirstSeen, i.LastSeen, i.EventCount, i.SampleLines,
            i.Revision, r.DeliveredRevision, r.DeliveryError);
    }
}

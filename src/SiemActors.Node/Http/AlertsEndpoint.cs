using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Hosting;
using SiemActors.Domain.Risk;

namespace SiemActors.Node.Http;

/// <summary>
/// <c>GET /api/v1/alerts?since=&amp;entity=&amp;min_risk=&amp;scenario=&amp;level=&amp;acked=&amp;offset=&amp;limit=</c>:
/// persisted incidents, newest first, paged; <c>GET /api/v1/alerts/{id}</c>: one of them.
/// </summary>
public static class AlertsEndpoint
{
    public const int DefaultLimit = 100, MaxLimit = 1000;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

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
        if (q.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            return Problems.BadRequest($"'limit' must be a whole number from 1 to {MaxLimit}, got '{l}'");
        var offset = 0;
        if (q.TryGetValue("offset", out var o) && (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
            return Problems.BadRequest($"'offset' must be a whole number from 0, got '{o}'");
        RiskLevel? level = null;
        if (q.TryGetValue("level", out var lv))
        {
            if (ParseLevel(lv.ToString()) is not { } parsed)
                return Problems.BadRequest($"'level' must be one of low, medium, high, critical, got '{lv}'");
            level = parsed;
        }
        bool? acked = null;
        if (q.TryGetValue("acked", out var a))
        {
            if (!bool.TryParse(a, out var parsed)) return Problems.BadRequest($"'acked' must be true or false, got '{a}'");
            acked = parsed;
        }
        var scenario = q["scenario"].ToString();

        var actor = await index.GetAsync(context.RequestAborted);
        var query = new QueryAlerts(since, q["entity"].ToString(), minRisk, limit, scenario.Length == 0 ? null : scenario, level, acked, offset);
        var list = await actor.Ask<AlertList>(query, AskTimeout, context.RequestAborted);
        int? next = offset + list.Alerts.Count < list.Total ? offset + list.Alerts.Count : null;
        return Results.Json(new AlertListResponse(list.Alerts.Select(AlertResponse.From).ToList(), list.Total, offset, limit, next), NodeJson.Options);
    }

    public static async Task<IResult> HandleOne(string id, HttpContext context, IRequiredActor<AlertIndex> index)
    {
        var actor = await index.GetAsync(context.RequestAborted);
        var found = await actor.Ask<AlertFound>(new GetAlert(id), AskTimeout, context.RequestAborted);
        return found.Record is { } record
            ? Results.Json(AlertResponse.From(record), NodeJson.Options)
            : Problems.NotFound($"no alert with id '{Shorten(id)}' on this node's index");
    }

    internal static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    private static RiskLevel? ParseLevel(string text) =>
        Enum.GetValues<RiskLevel>().Cast<RiskLevel?>().FirstOrDefault(l => string.Equals(l!.Value.ToWire(), text.Trim(), StringComparison.OrdinalIgnoreCase));

    public static RouteHandlerBuilder DocumentAlert(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("GetAlert").WithTags("Alerts")
        .WithSummary("One alert (incident) by id")
        .WithDescription("The incident as the list shows it, with per-channel delivery and its acknowledgement. "
            + "This is the page alert messages link to when `Siem:Alerts:PublicUrl` is set. 404 when the id is unknown.")
        .Produces<AlertResponse>(StatusCodes.Status200OK, "application/json")
        .ProducesProblem(StatusCodes.Status404NotFound);
}

public sealed record AlertListResponse(IReadOnlyList<AlertResponse> Alerts, int Total, int Offset = 0, int Limit = AlertsEndpoint.DefaultLimit, int? NextOffset = null);

public sealed record ChannelDeliveryResponse(int Revision, bool Delivered, string? Error);

public sealed record AlertResponse(
    string Id, string EntityType, string Entity, string Scenario, string RiskLevel, double RiskScore, double PeakRiskScore,
    string RecommendedAction, IReadOnlyList<string> Reasons, DateTimeOffset FirstSeen, DateTimeOffset LastSeen,
    long EventCount, IReadOnlyList<string> SampleLines, int Revision, int DeliveredRevision, string? DeliveryError,
    bool Acked = false, string? AckedBy = null, DateTimeOffset? AckedAt = null, string? AckNote = null,
    IReadOnlyDictionary<string, ChannelDeliveryResponse>? Deliveries = null)
{
    public static AlertResponse From(AlertRecord r)
    {
        var i = r.Incident;
        return new AlertResponse(i.AlertId, i.EntityType, i.EntityKey, i.Scenario, i.Level.ToWire(), Math.Round(i.RiskScore, 4),
            Math.Round(i.PeakRiskScore, 4), i.Action.ToWire(), i.Reasons, i.FirstSeen, i.LastSeen, i.EventCount, i.SampleLines,
            i.Revision, r.DeliveredRevision, r.DeliveryError,
            r.IsAcked, r.Ack?.By, r.Ack?.At, r.Ack?.Note,
            (r.Channels ?? new Dictionary<string, ChannelDelivery>()).ToDictionary(kv => kv.Key, kv => new ChannelDeliveryResponse(kv.Value.Revision, kv.Value.Delivered, kv.Value.Error)));
    }
}

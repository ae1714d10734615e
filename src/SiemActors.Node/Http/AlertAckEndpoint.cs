using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Hosting;

namespace SiemActors.Node.Http;

/// <summary>
/// <c>POST /api/v1/alerts/{id}/ack</c> with <c>{"by"?, "note"?}</c>: persists an acknowledgement on the alert entity
/// that owns the incident (found through the alert index, since the id is a hash), which then posts no more updates
/// until the incident escalates or a new one opens, and resolves it on PagerDuty. <c>by</c> is the authenticated
/// caller when there is one, else the body's.
/// </summary>
public static class AlertAckEndpoint
{
    public const int MaxByLength = 200, MaxNoteLength = 2000, MaxBodyBytes = 16 * 1024;
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    public static async Task<IResult> Handle(
        string id, HttpContext context, IRequiredActor<AlertIndex> index, IRequiredActor<AlertRegion> alerts)
    {
        var (body, error) = await ReadBodyAsync(context.Request, context.RequestAborted);
        if (error is not null) return Problems.BadRequest(error);
        var by = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : body?.By?.Trim();
        if (string.IsNullOrEmpty(by)) return Problems.BadRequest("'by' is required: who acknowledges the alert (a name or e-mail)");
        if (by.Length > MaxByLength) return Problems.BadRequest($"'by' is at most {MaxByLength} characters");
        var note = string.IsNullOrWhiteSpace(body?.Note) ? null : body.Note.Trim();
        if (note is { Length: > MaxNoteLength }) return Problems.BadRequest($"'note' is at most {MaxNoteLength} characters");

        var found = await (await index.GetAsync(context.RequestAborted))
            .Ask<AlertFound>(new GetAlert(id), AskTimeout, context.RequestAborted);
        if (found.Record is not { EntityId: { } entityId })
            return Problems.NotFound($"no alert with id '{AlertsEndpoint.Shorten(id)}' on this node's index");

        var region = await alerts.GetAsync(context.RequestAborted);
        var result = await region.Ask<IncidentAckResult>(new AcknowledgeIncident(entityId, id, by, note), AskTimeout, context.RequestAborted);
        return result switch
        {
            { Outcome: AckOutcome.NotFound } => Results.Problem(
                detail: $"alert '{AlertsEndpoint.Shorten(id)}' is closed: a newer incident of the same entity and scenario replaced it",
                statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
            { Ack: { } ack } => Results.Json(new AckResponse(id, true, ack.By, ack.At, ack.Note, result.Outcome == AckOutcome.AlreadyAcknowledged), NodeJson.Options),
            _ => Results.Problem(detail: "the alert entity gave no acknowledgement", statusCode: StatusCodes.Status500InternalServerError),
        };
    }

    /// <summary>An empty body is fine (an authenticated caller needs nothing else); anything else must be a small JSON object.</summary>
    private static async Task<(AckRequest? Body, string? Error)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0) return (null, null);
        if (request.ContentLength > MaxBodyBytes) return (null, $"the body is over {MaxBodyBytes} bytes");
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return (null, $"the body is over {MaxBodyBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, null);
        try
        {
            return (JsonSerializer.Deserialize<AckRequest>(buffer.ToArray(), NodeJson.Options), null);
        }
        catch (JsonException ex)
        {
            return (null, $"the body must be a JSON object like {{\"by\": \"alice\", \"note\": \"blocked at the firewall\"}}: {ex.Message}");
        }
    }

    public static RouteHandlerBuilder DocumentAck(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("AcknowledgeAlert").WithTags("Alerts")
        .WithSummary("Acknowledge an alert (incident)")
        .WithDescription("Persists who acknowledged the incident, when, and a note. An acknowledged incident posts no more "
            + "updates until it escalates to a higher level (or a new incident opens), and is resolved on PagerDuty. "
            + "`by` is the authenticated caller when there is one, else the body's. 404: unknown id; 409: the incident is closed.")
        .Accepts<AckRequest>("application/json")
        .Produces<AckResponse>(StatusCodes.Status200OK, "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}

public sealed record AckRequest(string? By, string? Note);

public sealed record AckResponse(string Id, bool Acked, string AckedBy, DateTimeOffset AckedAt, string? Note, bool AlreadyAcked);

using Microsoft.OpenApi;
using SiemActors.Actors.Entities;
using SiemActors.Node.Http;

namespace SiemActors.Node.OpenApi;

/// <summary>
/// The OpenAPI description of each <c>/api/v1</c> endpoint (summary, body shapes, query parameters, examples), kept here
/// so the mapping lines in NodeHost stay one line each: <c>api.MapPost(...).DocumentAnalyze()</c>.
/// </summary>
public static class EndpointDocs
{
    private const string Json = "application/json", Ndjson = "application/x-ndjson", Plain = "text/plain";
    private static readonly string[] SourceNames = ["auto", "syslog", "sshd", "nginx", "apache", "json"];

    public static RouteHandlerBuilder DocumentAnalyze(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("AnalyzeLogLine").WithTags("Logs")
        .WithSummary("Analyze one log line")
        .WithDescription("Parses the line, updates the behavioural state of its IP and user, scores it with the model ensemble "
            + "and the rules, and answers once it is scored. A line over 64 KiB, an empty or non-JSON body, or an unknown source "
            + "is a 400; a 503 means the cluster could not score it in time and the request may be retried.")
        .Accepts<AnalyzeRequestDoc>(Json)
        .Produces<AnalyzeResponseDoc>(StatusCodes.Status200OK, Json)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .AddOpenApiOperationTransformer((op, _, _) =>
        {
            OperationExamples.Request(op, Json, ApiExamples.AnalyzeRequest);
            OperationExamples.Response(op, StatusCodes.Status200OK, Json, ApiExamples.AnalyzeResponse);
            OperationExamples.Response(op, StatusCodes.Status400BadRequest, "application/problem+json", ApiExamples.Problem);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DocumentBatch(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("IngestBatch").WithTags("Logs")
        .WithSummary("Ingest a batch of log lines")
        .WithDescription("A batch as NDJSON (one analyze object per line), a JSON array of analyze objects (or strings), or "
            + "text/plain lines. Answers after every accepted line has been scored. Lines that cannot be read are listed in "
            + "`rejected` by index; the rest are scored. Over 2 MiB or 10,000 lines is a 413; a 503 is retryable (nothing was "
            + "half-counted).")
        .Accepts<AnalyzeRequestDoc[]>(Json, Ndjson, Plain)
        .Produces<BatchResponseDoc>(StatusCodes.Status200OK, Json)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
        .AddOpenApiOperationTransformer((op, _, _) =>
        {
            OperationExamples.Query(op, "source", "The parser for lines that do not name one (default auto).", SourceNames);
            OperationExamples.Query(op, "verdicts", "Which verdicts to include in the answer (default none).", ["none", "anomalies", "all"]);
            OperationExamples.TextBody(op, Ndjson, ApiExamples.BatchNdjson, "One analyze object per line.");
            OperationExamples.TextBody(op, Plain, ApiExamples.BatchPlain, "Raw log lines, read with ?source=.");
            OperationExamples.Request(op, Json, ApiExamples.BatchJsonArray);
            OperationExamples.Response(op, StatusCodes.Status200OK, Json, ApiExamples.BatchResponse);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DocumentAlerts(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("ListAlerts").WithTags("Alerts")
        .WithSummary("List alerts (incidents), newest first")
        .WithDescription("Persisted incidents: repeated high-risk events of one entity and scenario are grouped into one "
            + "incident whose revision grows as it is updated.")
        .Produces<AlertListResponse>(StatusCodes.Status200OK, Json)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .AddOpenApiOperationTransformer((op, _, _) =>
        {
            OperationExamples.Query(op, "since", "Only incidents seen at or after this ISO 8601 time.", format: "date-time");
            OperationExamples.Query(op, "entity", "Only incidents of this IP address or user name.");
            OperationExamples.Query(op, "min_risk", "Only incidents at or above this risk score (0..1).", type: JsonSchemaType.Number);
            OperationExamples.Query(op, "limit", $"At most this many (1..{AlertsEndpoint.MaxLimit}, default {AlertsEndpoint.DefaultLimit}).",
                type: JsonSchemaType.Integer);
            OperationExamples.Response(op, StatusCodes.Status200OK, Json, ApiExamples.Alerts);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder DocumentEntities(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("GetEntity").WithTags("Entities")
        .WithSummary("The behavioural profile of one IP or user")
        .WithDescription("`kind` is `ip` (answers an IP profile: counters per window, users tried, user agents) or `user` "
            + "(answers a user profile: known IPs and countries, login hours, failures since the last success). "
            + "404 when the entity has not been seen.")
        .Produces<IpProfile>(StatusCodes.Status200OK, Json)
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .AddOpenApiOperationTransformer((op, _, _) =>
        {
            OperationExamples.Response(op, StatusCodes.Status200OK, Json, ApiExamples.IpEntity, "ip");
            OperationExamples.Response(op, StatusCodes.Status200OK, Json, ApiExamples.UserEntity, "user");
            return Task.CompletedTask;
        });
}

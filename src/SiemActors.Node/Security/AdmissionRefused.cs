using SiemActors.Node.Http;

namespace SiemActors.Node.Security;

/// <summary>A batch the node refused before it reached the pipeline: nothing in it was counted; retry after a while.</summary>
public sealed record AdmissionRefused(string Reason, string Detail, int RetryAfterSeconds)
{
    /// <summary>The 503 problem with Retry-After; the reason goes to the rejection counter.</summary>
    public IResult ToResult(HttpContext context)
    {
        RejectionCounting.SetReason(context, Reason);
        return Problems.Unavailable(context, Detail, RetryAfterSeconds);
    }
}

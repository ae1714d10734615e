namespace SiemActors.Node.Http;

/// <summary>Bound from <c>Siem:Limits</c>: what one request may carry.</summary>
public sealed class HttpLimits
{
    public const string Section = "Siem:Limits";

    /// <summary>One log line; longer is a 400 for analyze and a rejected line in a batch.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;
    public int MaxAnalyzeBodyBytes { get; set; } = 1024 * 1024;
    public int MaxBatchBodyBytes { get; set; } = 2 * 1024 * 1024;
    public int MaxBatchLines { get; set; } = 10_000;
}

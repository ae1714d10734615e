namespace SiemActors.Node.Security.Fuzzing;

/// <summary>One hostile request: what the fuzzer sends, and which family of input it came from (for the report).</summary>
public sealed record FuzzCase(string Family, HttpMethod Method, string Path, string? ContentType, byte[]? Body, string? ApiKey, bool OmitKey = false);

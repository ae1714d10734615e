using FsCheck.Xunit;
using SiemActors.Node.Security.Fuzzing;
using SiemActors.Node.Tests.Support;
using Xunit;

namespace SiemActors.Node.Tests.Fuzz;

/// <summary>
/// The fuzzer's own inputs against a real node: every answer is a 2xx, a 4xx problem, or a deliberate 503 with
/// Retry-After; never another 5xx, a missing problem body, or a reset connection. scripts/fuzz.sh runs 100k of them.
/// </summary>
[Collection(NodeCollection.Name)]
public sealed class HttpFuzzProperties(SharedNode shared)
{
    [Property(MaxTest = 25)]
    public bool Hostile_requests_get_a_clear_answer(int seed)
    {
        var runner = new FuzzRunner(shared.Node.Http, TextWriter.Null);
        runner.RunAsync(new FuzzInputs(seed, null, null), 12, 4, CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(runner.Failures.IsEmpty, string.Join("\n", runner.Failures));
        return true;
    }
}

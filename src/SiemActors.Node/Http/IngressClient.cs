using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.Options;
using SiemActors.Actors.Hosting;
using SiemActors.Actors.Ingress;
using SiemActors.Node.Security;

namespace SiemActors.Node.Http;

/// <summary>One ask of the ingress per HTTP request; the actor side answers once every line is scored.</summary>
public sealed class IngressClient(IRequiredActor<IngressGateway> ingress, IOptions<SiemOptions> options, AdmissionControl admission)
{
    private readonly TimeSpan _timeout = options.Value.Pipeline.BatchTimeout + TimeSpan.FromSeconds(5);

    /// <returns><see cref="BatchResult"/>, <see cref="BatchFailed"/> when the pipeline could not finish in time, or
    /// <see cref="AdmissionRefused"/> when the node is already at its limit (events in flight, memory).</returns>
    public async Task<object> IngestAsync(IngestBatch batch, CancellationToken ct)
    {
        if (!admission.TryAdmit(batch.Lines.Count, out var ticket, out var refused)) return refused!;
        using var admitted = ticket;
        using var timing = SiemActors.Actors.Telemetry.SiemMetrics.StartBatch("http");
        var actor = await ingress.GetAsync(ct).ConfigureAwait(false);
        try
        {
            return await actor.Ask<object>(batch, _timeout, ct).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new BatchFailed($"no answer from the ingress within {_timeout.TotalSeconds:0} s; retry the batch");
        }
    }
}

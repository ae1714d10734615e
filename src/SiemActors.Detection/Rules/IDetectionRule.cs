using SiemActors.Detection.Scoring;
using SiemActors.Domain.Events;
using SiemActors.Domain.Risk;

namespace SiemActors.Detection.Rules;

/// <summary>What the response to a rule is aimed at: the source address, or the account.</summary>
public enum RuleTarget : byte { Ip = 0, Account = 1, Observe = 2 }

/// <summary>Everything a rule may read for one event. The URL is percent-decoded once and lower-cased.</summary>
public readonly ref struct RuleContext(LogEvent ev, ReadOnlySpan<float> features, ReadOnlySpan<char> url, DetectionOptions options)
{
    public LogEvent Event { get; } = ev;
    public ReadOnlySpan<float> Features { get; } = features;
    /// <summary>Decoded, lower-case <c>url.original</c>; empty when the event has none.</summary>
    public ReadOnlySpan<char> Url { get; } = url;
    public DetectionOptions Options { get; } = options;

    public float this[int feature] => Features[feature];
}

/// <summary>A rule for a known attack: needs no model, fires with an analyst-facing reason.</summary>
public interface IDetectionRule
{
    /// <summary>Stable rule name (alerts group on it).</summary>
    string Name { get; }
    RuleTarget Target { get; }
    /// <summary>The hit when the rule fires, otherwise null. Allocates only when it fires.</summary>
    RuleHit? Evaluate(in RuleContext context);
}

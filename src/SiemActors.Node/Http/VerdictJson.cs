using System.Text.Json;
using SiemActors.Domain.Events;
using SiemActors.Domain.Features;
using SiemActors.Domain.Risk;

namespace SiemActors.Node.Http;

/// <summary>The original service's analyze contract: is_anomaly, risk_score, risk_level, recommended_action, reasons, model_scores, ...</summary>
public static class VerdictJson
{
    public static void WriteFields(Utf8JsonWriter w, LogEvent ev, Verdict v)
    {
        w.WriteBoolean("is_anomaly", v.IsAnomaly);
        w.WriteNumber("risk_score", Math.Round(v.RiskScore, 4));
        w.WriteString("risk_level", v.Level.ToWire());
        w.WriteString("recommended_action", v.Action.ToWire());
        w.WriteStartArray("reasons");
        foreach (var r in v.Reasons) w.WriteStringValue(r);
        w.WriteEndArray();
        w.WriteStartObject("model_scores");
        foreach (var s in v.ModelScores) w.WriteNumber(s.Model, Math.Round(s.Score, 4));
        w.WriteEndObject();
        w.WriteStartArray("rules");
        foreach (var hit in v.Rules)
        {
            w.WriteStartObject();
            w.WriteString("rule", hit.Rule);
            w.WriteString("severity", hit.Severity.ToWire());
            w.WriteString("reason", hit.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("features");
        var names = FeatureNames.All;
        for (var i = 0; i < v.Features.Length && i < names.Count; i++)
        {
            var value = v.Features[i];
            w.WriteNumber(names[i], float.IsFinite(value) ? Math.Round(value, 4) : 0);
        }
        w.WriteEndObject();
        w.WritePropertyName("event");
        EventJson.Write(w, ev);
    }
}

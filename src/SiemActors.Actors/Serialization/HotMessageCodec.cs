using System.Runtime.Serialization;
using Akka.Actor;
using SiemActors.Actors.Entities;
using SiemActors.Actors.Ingress;
using SiemActors.Domain.Events;
using SiemActors.Domain.Risk;

namespace SiemActors.Actors.Serialization;

/// <summary>
/// Compact binary form of the three messages every event crosses nodes in (<see cref="IpEvents"/>,
/// <see cref="UserEvents"/>, <see cref="EventsScored"/>): field order is the format, so a change to it needs
/// a new manifest. Everything else keeps the JSON form, which is easier to evolve and rare enough not to matter.
/// </summary>
internal static class HotMessageCodec
{
    private const byte Version = 1;
    private const long MaxOffsetMinutes = 14 * 60;

    public static byte[] Write(object message) => message switch
    {
        IpEvents m => WriteEntityEvents(m.Partition, m.ReplyTo, m.Detail, m.Items),
        UserEvents m => WriteEntityEvents(m.Partition, m.ReplyTo, m.Detail, m.Items),
        EventsScored m => WriteScored(m),
        _ => throw new ArgumentException($"{message.GetType().Name} has no binary form"),
    };

    public static IpEvents ReadIpEvents(byte[] bytes, ExtendedActorSystem system)
    {
        var r = Open(bytes);
        return new IpEvents(r.RequiredString(), ReadRef(r, system), (VerdictDetail)r.Byte(), ReadItems(r));
    }

    public static UserEvents ReadUserEvents(byte[] bytes, ExtendedActorSystem system)
    {
        var r = Open(bytes);
        return new UserEvents(r.RequiredString(), ReadRef(r, system), (VerdictDetail)r.Byte(), ReadItems(r));
    }

    public static EventsScored ReadScored(byte[] bytes)
    {
        var r = Open(bytes);
        var scored = (int)r.VarUInt();
        var anomalies = (int)r.VarUInt();
        var alerts = (int)r.VarUInt();
        var verdicts = new IndexedVerdict[r.Count(r.Remaining)];
        for (var i = 0; i < verdicts.Length; i++) verdicts[i] = new IndexedVerdict((int)r.VarInt(), ReadEvent(r), ReadVerdict(r));
        return new EventsScored(scored, anomalies, alerts, verdicts);
    }

    private static byte[] WriteEntityEvents(string entityId, IActorRef replyTo, VerdictDetail detail, IReadOnlyList<EntityItem> items)
    {
        var w = WireWriter.Rent(64 + items.Count * 640);
        w.Byte(Version);
        w.String(entityId);
        w.String(Akka.Serialization.Serialization.SerializedActorPath(replyTo));
        w.Byte((byte)detail);
        w.VarUInt((ulong)items.Count);
        foreach (var item in items)
        {
            w.VarInt(item.Index);
            w.Floats(item.Features);
            WriteEvent(w, item.Event);
        }
        return w.Finish();
    }

    private static byte[] WriteScored(EventsScored m)
    {
        var w = WireWriter.Rent(16 + m.Verdicts.Count * 600);
        w.Byte(Version);
        w.VarUInt((ulong)m.Scored);
        w.VarUInt((ulong)m.Anomalies);
        w.VarUInt((ulong)m.Alerts);
        w.VarUInt((ulong)m.Verdicts.Count);
        foreach (var v in m.Verdicts)
        {
            w.VarInt(v.Index);
            WriteEvent(w, v.Event);
            WriteVerdict(w, v.Verdict);
        }
        return w.Finish();
    }

    private static WireReader Open(byte[] bytes)
    {
        var r = new WireReader(bytes);
        var version = r.Byte();
        return version == Version ? r : throw new SerializationException($"binary message version {version}, this node reads {Version}");
    }

    private static IActorRef ReadRef(WireReader r, ExtendedActorSystem system)
    {
        var path = r.String();
        if (string.IsNullOrEmpty(path)) return ActorRefs.Nobody;
        try
        {
            return system.Provider.ResolveActorRef(path);
        }
        catch (FormatException ex)
        {
            throw new SerializationException($"reply address '{path}' is not an actor path: {ex.Message}");
        }
    }

    private static List<EntityItem> ReadItems(WireReader r)
    {
        var items = new List<EntityItem>(r.Count(r.Remaining));
        for (var i = 0; i < items.Capacity; i++)
        {
            var index = (int)r.VarInt();
            var features = r.Floats();
            items.Add(new EntityItem(index, ReadEvent(r), features));
        }
        return items;
    }

    [Flags]
    private enum Present : byte { SourcePort = 1, ProcessPid = 2, SyslogPriority = 4, HttpStatus = 8, HttpBytes = 16 }

    private static void WriteEvent(WireWriter w, LogEvent e)
    {
        w.VarInt(e.Timestamp.Ticks);
        w.VarInt((long)e.Timestamp.Offset.TotalMinutes);
        w.Byte((byte)e.Source);
        w.Byte((byte)e.Category);
        w.Byte((byte)e.Outcome);
        var present = (e.SourcePort.HasValue ? Present.SourcePort : 0) | (e.ProcessPid.HasValue ? Present.ProcessPid : 0)
            | (e.SyslogPriority.HasValue ? Present.SyslogPriority : 0) | (e.HttpStatus.HasValue ? Present.HttpStatus : 0)
            | (e.HttpBytes.HasValue ? Present.HttpBytes : 0);
        w.Byte((byte)present);
        if (e.SourcePort is { } port) w.VarInt(port);
        if (e.ProcessPid is { } pid) w.VarInt(pid);
        if (e.SyslogPriority is { } pri) w.VarInt(pri);
        if (e.HttpStatus is { } status) w.VarInt(status);
        if (e.HttpBytes is { } bytes) w.VarInt(bytes);
        w.String(e.Action);
        w.String(e.Reason);
        w.String(e.SourceIp);
        w.String(e.SourceCountry);
        w.String(e.UserName);
        w.String(e.HostName);
        w.String(e.ProcessName);
        w.UniqueString(e.Message);
        w.String(e.SyslogMsgId);
        w.UniqueString(e.SyslogStructuredData);
        w.String(e.HttpMethod);
        w.UniqueString(e.UrlOriginal);
        w.String(e.HttpVersion);
        w.String(e.HttpReferrer);
        w.String(e.UserAgent);
        w.UniqueString(e.Original);
    }

    private static LogEvent ReadEvent(WireReader r)
    {
        var ticks = r.VarInt();
        var offset = r.VarInt();
        if (offset is < -MaxOffsetMinutes or > MaxOffsetMinutes || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            throw new SerializationException($"invalid timestamp ({ticks} ticks, offset {offset} min)");
        DateTimeOffset timestamp;
        try
        {
            timestamp = new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset));
        }
        catch (ArgumentException ex)
        {
            // The UTC instant falls outside the representable range at this offset.
            throw new SerializationException($"invalid timestamp: {ex.Message}");
        }
        var source = (SourceKind)r.Byte();
        var category = (EventCategory)r.Byte();
        var outcome = (EventOutcome)r.Byte();
        var present = (Present)r.Byte();
        // Object initializers assign in textual order, so the order below is the wire order.
        return new LogEvent
        {
            Timestamp = timestamp, Source = source, Category = category, Outcome = outcome,
            SourcePort = (present & Present.SourcePort) != 0 ? (int)r.VarInt() : null,
            ProcessPid = (present & Present.ProcessPid) != 0 ? (int)r.VarInt() : null,
            SyslogPriority = (present & Present.SyslogPriority) != 0 ? (int)r.VarInt() : null,
            HttpStatus = (present & Present.HttpStatus) != 0 ? (int)r.VarInt() : null,
            HttpBytes = (present & Present.HttpBytes) != 0 ? r.VarInt() : null,
            Action = r.String(), Reason = r.String(), SourceIp = r.String(), SourceCountry = r.String(),
            UserName = r.String(), HostName = r.String(), ProcessName = r.String(), Message = r.UniqueString(),
            SyslogMsgId = r.String(), SyslogStructuredData = r.UniqueString(), HttpMethod = r.String(),
            UrlOriginal = r.UniqueString(), HttpVersion = r.String(), HttpReferrer = r.String(), UserAgent = r.String(),
            Original = r.UniqueString(),
        };
    }

    private static void WriteVerdict(WireWriter w, Verdict v)
    {
        w.Byte(v.IsAnomaly ? (byte)1 : (byte)0);
        w.Double(v.RiskScore);
        w.Byte((byte)v.Level);
        w.Byte((byte)v.Action);
        w.VarUInt((ulong)v.Reasons.Count);
        foreach (var reason in v.Reasons) w.String(reason);
        w.VarUInt((ulong)v.ModelScores.Count);
        foreach (var score in v.ModelScores)
        {
            w.String(score.Model);
            w.Double(score.Score);
        }
        w.VarUInt((ulong)v.Rules.Count);
        foreach (var rule in v.Rules)
        {
            w.String(rule.Rule);
            w.Byte((byte)rule.Severity);
            w.String(rule.Reason);
        }
        w.Floats(v.Features);
    }

    private static Verdict ReadVerdict(WireReader r)
    {
        var isAnomaly = r.Byte() != 0;
        var risk = r.Double();
        var level = (RiskLevel)r.Byte();
        var action = (RecommendedAction)r.Byte();
        var reasons = new string[r.Count(r.Remaining)];
        for (var i = 0; i < reasons.Length; i++) reasons[i] = r.RequiredString();
        var scores = new ModelScore[r.Count(r.Remaining)];
        for (var i = 0; i < scores.Length; i++) scores[i] = new ModelScore(r.RequiredString(), r.Double());
        var rules = new RuleHit[r.Count(r.Remaining)];
        for (var i = 0; i < rules.Length; i++) rules[i] = new RuleHit(r.RequiredString(), (RiskLevel)r.Byte(), r.RequiredString());
        return new Verdict
        {
            IsAnomaly = isAnomaly, RiskScore = risk, Level = level, Action = action,
            Reasons = reasons, ModelScores = scores, Rules = rules, Features = r.Floats(),
        };
    }
}

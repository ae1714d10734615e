using System.Runtime.Serialization;
using SiemActors.Actors.Entities;
using SiemActors.Domain.Entities;

namespace SiemActors.Actors.Serialization;

/// <summary>
/// Binary form of the ip and user entity snapshots, written every snapshot interval by every live entity: as JSON
/// they cost more CPU than scoring (mostly formatting the long arrays of the sliding windows). Field order is the
/// format; older JSON snapshots still read through their own manifest.
/// </summary>
internal static class SnapshotCodec
{
    private const byte Version = 1;

    public static byte[] Write(object snapshot)
    {
        var w = WireWriter.Rent(512);
        w.Byte(Version);
        switch (snapshot)
        {
            case IpEntitySnapshot { State: var s } ip:
                w.VarInt(ip.Generation);
                w.VarInt(s.FirstSeen);
                w.VarInt(s.LastSeen);
                w.VarInt(s.SessionStart);
                w.VarInt(s.TotalEvents);
                Longs(w, s.Minute);
                Longs(w, s.TenMinutes);
                Longs(w, s.Hour);
                Seen(w, s.Users);
                Seen(w, s.Paths);
                Seen(w, s.UserAgents);
                w.VarInt(s.BaselineMinute);
                w.VarInt(s.MinuteEvents);
                w.VarInt(s.MinuteFailures);
                Ewma(w, s.EventsPerMinute);
                Ewma(w, s.FailuresPerMinute);
                break;
            case UserEntitySnapshot { State: var s } user:
                w.VarInt(user.Generation);
                w.VarInt(s.LastSeen);
                w.VarInt(s.LastSuccess);
                w.UniqueString(s.LastSuccessIp);
                w.UniqueString(s.LastSuccessCountry);
                w.VarInt(s.FailuresSinceSuccess);
                w.Byte(s.IsPrivileged ? (byte)1 : (byte)0);
                Seen(w, s.KnownIps);
                Seen(w, s.KnownCountries);
                Seen(w, s.IpsTried);
                if (s.LoginHours is null) w.VarUInt(0);
                else
                {
                    w.VarUInt((ulong)s.LoginHours.Length + 1);
                    foreach (var h in s.LoginHours) w.VarInt(h);
                }
                break;
            default:
                throw new ArgumentException($"{snapshot.GetType().Name} has no binary snapshot form");
        }
        return w.Finish();
    }

    public static IpEntitySnapshot ReadIp(byte[] bytes)
    {
        var r = Open(bytes);
        var generation = r.VarInt();
        return new IpEntitySnapshot(generation, new IpBehaviourSnapshot(
            r.VarInt(), r.VarInt(), r.VarInt(), r.VarInt(),
            Longs(r), Longs(r), Longs(r),
            Seen(r), Seen(r), Seen(r),
            r.VarInt(), r.VarInt(), r.VarInt(),
            Ewma(r), Ewma(r)));
    }

    public static UserEntitySnapshot ReadUser(byte[] bytes)
    {
        var r = Open(bytes);
        var generation = r.VarInt();
        return new UserEntitySnapshot(generation, new UserBehaviourSnapshot(
            r.VarInt(), r.VarInt(), r.UniqueString(), r.UniqueString(),
            (int)r.VarInt(), r.Byte() != 0,
            Seen(r), Seen(r), Seen(r), Ints(r)));
    }

    private static WireReader Open(byte[] bytes)
    {
        var r = new WireReader(bytes);
        var version = r.Byte();
        return version == Version ? r : throw new SerializationException($"snapshot format {version}, this node reads {Version}");
    }

    private static void Longs(WireWriter w, long[] values)
    {
        w.VarUInt((ulong)values.Length);
        foreach (var v in values) w.VarInt(v);
    }

    private static long[] Longs(WireReader r)
    {
        var values = new long[r.Count(r.Remaining)];
        for (var i = 0; i < values.Length; i++) values[i] = r.VarInt();
        return values;
    }

    private static int[]? Ints(WireReader r)
    {
        var tag = r.Count(r.Remaining + 1);
        if (tag == 0) return null;
        var values = new int[tag - 1];
        for (var i = 0; i < values.Length; i++) values[i] = (int)r.VarInt();
        return values;
    }

    private static void Seen(WireWriter w, SeenSnapshot? seen)
    {
        if (seen is null)
        {
            w.VarUInt(0);
            return;
        }
        w.VarUInt((ulong)seen.Values.Length + 1);
        foreach (var v in seen.Values) w.UniqueString(v);
        Longs(w, seen.Stats);
    }

    private static SeenSnapshot? Seen(WireReader r)
    {
        var tag = r.Count(r.Remaining + 1);
        if (tag == 0) return null;
        var values = new string[tag - 1];
        for (var i = 0; i < values.Length; i++) values[i] = r.UniqueString() ?? throw new SerializationException("null value in a seen set");
        return new SeenSnapshot(values, Longs(r));
    }

    private static void Ewma(WireWriter w, EwmaSnapshot e)
    {
        w.Double(e.Mean);
        w.Double(e.Variance);
        w.VarInt(e.Periods);
    }

    private static EwmaSnapshot Ewma(WireReader r) => new(r.Double(), r.Double(), r.VarInt());
}

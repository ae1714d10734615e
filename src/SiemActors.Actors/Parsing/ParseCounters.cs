using SiemActors.Domain.Events;

namespace SiemActors.Actors.Parsing;

/// <summary>Lines parsed and rejected per declared source on this node; read by metrics and the cluster view.</summary>
public static class ParseCounters
{
    private static readonly long[] Parsed = new long[SourceKinds.Names.Count];
    private static readonly long[] Rejected = new long[SourceKinds.Names.Count];

    public static void Count(SourceKind source, int parsed, int rejected)
    {
        if (parsed > 0) Interlocked.Add(ref Parsed[(int)source], parsed);
        if (rejected > 0) Interlocked.Add(ref Rejected[(int)source], rejected);
    }

    public static long ParsedOf(SourceKind source) => Interlocked.Read(ref Parsed[(int)source]);
    public static long RejectedOf(SourceKind source) => Interlocked.Read(ref Rejected[(int)source]);
}

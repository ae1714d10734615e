namespace SiemActors.Domain.Events;

/// <summary>
/// The optional numbers as plain fields and one byte of presence bits: an <c>int?</c> takes 8 bytes and a <c>long?</c>
/// 16, which made the event 24 bytes larger than its values (every line allocates one, and the bytes are what the
/// allocator clears and the collector walks).
/// </summary>
public sealed partial record LogEvent
{
    /// <summary>Shared with the parsers' draft, which keeps its numbers the same way so that they are copied as they are.</summary>
    [Flags]
    internal enum Present : byte
    {
        SourcePort = 1,
        ProcessPid = 2,
        SyslogPriority = 4,
        HttpStatus = 8,
        HttpBytes = 16,
    }

    private int _sourcePort, _processPid, _syslogPriority, _httpStatus;
    private long _httpBytes;
    private Present _present;

    /// <summary>The number stored under <paramref name="bit"/>, or null when the bit is clear.</summary>
    internal static T? Number<T>(Present present, T value, Present bit) where T : struct => (present & bit) != 0 ? value : null;

    /// <summary>Sets or clears <paramref name="bit"/> for <paramref name="value"/> and returns the number to store (0 for null).</summary>
    internal static T Store<T>(ref Present present, T? value, Present bit) where T : struct
    {
        present = value.HasValue ? present | bit : present & ~bit;
        return value.GetValueOrDefault();
    }
}

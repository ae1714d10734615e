using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;

namespace SiemActors.Actors.Serialization;

/// <summary>Reads what <see cref="WireWriter"/> wrote; a truncated or corrupt payload fails with a SerializationException.</summary>
internal sealed class WireReader(byte[] bytes)
{
    private const ulong NullString = 0, BackReference = 1, LiteralBias = 2;
    private readonly List<string> _strings = [];
    private int _position;

    /// <summary>Bytes left: bounds any count read from the payload, so a corrupt count cannot allocate more than the payload could hold.</summary>
    public int Remaining => bytes.Length - _position;

    public byte Byte()
    {
        Need(1);
        return bytes[_position++];
    }

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new SerializationException("malformed varint");
    }

    public long VarInt()
    {
        var raw = VarUInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A count read from the payload, refused above <paramref name="max"/> (taken before the count itself is read).</summary>
    public int Count(int max)
    {
        var count = VarUInt();
        return count <= (ulong)max ? (int)count : throw new SerializationException($"count {count} exceeds {max}");
    }

    public float Float()
    {
        Need(4);
        var value = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(_position));
        _position += 4;
        return value;
    }

    public float[] Floats()
    {
        var declared = VarUInt();
        if (declared > (ulong)(Remaining / 4)) throw new SerializationException($"{declared} floats run past the payload");
        var count = (int)declared;
        var values = new float[count];
        for (var i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(_position + i * 4));
        _position += count * 4;
        return values;
    }

    public double Double()
    {
        Need(8);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(_position));
        _position += 8;
        return value;
    }

    public string? String() => String(register: true);

    /// <summary>Reads what <see cref="WireWriter.UniqueString"/> wrote: a literal that later strings cannot reference.</summary>
    public string? UniqueString() => String(register: false);

    private string? String(bool register)
    {
        var tag = VarUInt();
        if (tag == NullString) return null;
        if (tag == BackReference && register)
        {
            var index = VarUInt();
            return index < (ulong)_strings.Count ? _strings[(int)index] : throw new SerializationException($"string reference {index} out of range");
        }
        var length = tag - LiteralBias;
        if (length > (ulong)(bytes.Length - _position)) throw new SerializationException("string runs past the payload");
        var value = Encoding.UTF8.GetString(bytes, _position, (int)length);
        _position += (int)length;
        if (register) _strings.Add(value);
        return value;
    }

    public string RequiredString() => String() ?? throw new SerializationException("required string is null");

    private void Need(int count)
    {
        if (_position + count > bytes.Length) throw new SerializationException("payload truncated");
    }
}

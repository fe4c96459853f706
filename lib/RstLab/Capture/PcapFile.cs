using System.Buffers.Binary;

namespace RstLab.Capture;

/// <summary>Reads and writes classic <c>.pcap</c> files (microsecond or nanosecond), without libpcap.</summary>
/// <remarks>Managed on purpose: recorded captures must open where libpcap is missing.</remarks>
public static class PcapFile
{
    const uint MagicMicro = 0xa1b2c3d4, MagicNano = 0xa1b23c4d;
    const int MaxFrame = 262144;

    /// <summary>Writes frames to <paramref name="path"/> as a microsecond pcap.</summary>
    public static void Write(string path, IReadOnlyCollection<Frame> frames)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(frames);
        var link = frames.Count == 0 ? LinkType.Ethernet : frames.First().LinkType;
        if (frames.Any(f => f.LinkType != link))
            throw new ArgumentException("A pcap file holds one link type; these frames mix several.", nameof(frames));
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, MagicMicro);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], MaxFrame);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)link);
        stream.Write(header);
        Span<byte> record = stackalloc byte[16];
        foreach (var frame in frames)
        {
            var micros = (frame.Time - DateTimeOffset.UnixEpoch).Ticks / 10;
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)frame.Data.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Data.Length);
            stream.Write(record);
            stream.Write(frame.Data);
        }
    }

    /// <summary>Reads every frame of a classic pcap file; a damaged file gives a <see cref="InvalidDataException"/> naming the problem.</summary>
    public static IReadOnlyList<Frame> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"No capture file at {path}.", path);
        var bytes = File.ReadAllBytes(path);
        return Parse(bytes, path);
    }

    internal static IReadOnlyList<Frame> Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < 24)
            throw new InvalidDataException($"{name} is not a pcap file: {bytes.Length} bytes, shorter than the 24-byte header.");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        var bigEndian = false;
        if (magic is not (MagicMicro or MagicNano))
        {
            magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            bigEndian = true;
            if (magic is not (MagicMicro or MagicNano))
                throw new InvalidDataException($"{name} is not a classic pcap file (magic 0x{BinaryPrimitives.ReadUInt32LittleEndian(bytes):x8}); pcapng is not supported, convert it with: editcap -F pcap in.pcapng out.pcap");
        }
        uint U32(ReadOnlySpan<byte> s) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
        var nanos = magic == MagicNano;
        var link = (LinkType)U32(bytes[20..]);
        if (!Enum.IsDefined(link))
            throw new InvalidDataException($"{name} uses link type {(uint)link}; the lab reads Ethernet, Null, Raw IP and Linux cooked captures.");
        var frames = new List<Frame>();
        var offset = 24;
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < 16)
                throw new InvalidDataException($"{name} is truncated: frame {frames.Count + 1} has an incomplete record header at byte {offset}.");
            var seconds = U32(bytes[offset..]);
            var fraction = U32(bytes[(offset + 4)..]);
            var included = U32(bytes[(offset + 8)..]);
            if (included > MaxFrame)
                throw new InvalidDataException($"{name} is damaged: frame {frames.Count + 1} claims {included} bytes.");
            offset += 16;
            if (bytes.Length - offset < included)
                throw new InvalidDataException($"{name} is truncated: frame {frames.Count + 1} needs {included} bytes, {bytes.Length - offset} remain.");
            var ticks = seconds * TimeSpan.TicksPerSecond + (nanos ? fraction / 100 : fraction * 10L);
            frames.Add(new Frame(DateTimeOffset.UnixEpoch.AddTicks(ticks), bytes.Slice(offset, (int)included).ToArray(), link));
            offset += (int)included;
        }
        return frames;
    }
}

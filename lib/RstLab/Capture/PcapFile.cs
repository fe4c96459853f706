using System.Buffers.Binary;

namespace RstLab.Capture;

/// <summary>Reads and writes classic <c>.pcap</c> files (microsecond or nanosecond), without libpcap.</summary>
/// <remarks>Managed on purpose: recorded captures must open where libpcap is missing.</remarks>
public static class PcapFile
{
    const uint MagicMicro = 0xa1b2c3d4, MagicNano = 0xa1b23c4d, MagicPcapng = 0x0a0d0d0a;
    const int MaxFrame = 262144;

    /// <summary>Writes frames to <paramref name="path"/> as a microsecond pcap.</summary>
    public static void Write(string path, IReadOnlyCollection<Frame> frames)
    {
        Guard.WritableFile(path);
        Guard.NotNull(frames);
        var link = frames.Count == 0 ? LinkType.Ethernet : frames.First().LinkType;
        if (frames.Any(f => f.LinkType != link))
            throw new LabArgumentException("A pcap file holds one link type; these frames mix several.", nameof(frames));
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

    /// <summary>Reads every frame of a classic pcap file; a damaged file gives a <see cref="PcapFormatException"/> naming the file, the problem and what to do.</summary>
    public static IReadOnlyList<Frame> Read(string path)
    {
        Guard.ExistingFile(path, "capture file (.pcap)");
        return Parse(File.ReadAllBytes(path), path);
    }

    internal static IReadOnlyList<Frame> Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length == 0)
            throw Damaged($"{name} is empty (0 bytes), not a pcap file");
        if (bytes.Length < 24)
            throw Damaged($"{name} is not a pcap file: {bytes.Length} bytes, shorter than the 24-byte header");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (magic == MagicPcapng)
            throw new PcapFormatException($"{name} is a pcapng file; the lab reads classic pcap only (pcapng is not supported). Convert it with: editcap -F pcap in.pcapng out.pcap");
        var bigEndian = false;
        if (magic is not (MagicMicro or MagicNano))
        {
            magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            bigEndian = true;
            if (magic is not (MagicMicro or MagicNano))
                throw Damaged($"{name} is not a classic pcap file (magic 0x{BinaryPrimitives.ReadUInt32LittleEndian(bytes):x8}, expected 0xa1b2c3d4 or 0xa1b23c4d)");
        }
        uint U32(ReadOnlySpan<byte> s) => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
        var major = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]) : BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (major != 2)
            throw Damaged($"{name} has pcap format version {major}; only version 2 (every pcap written since 1998) is known");
        var nanos = magic == MagicNano;
        var snapLength = U32(bytes[16..]);
        var link = (LinkType)U32(bytes[20..]);
        if (!Enum.IsDefined(link))
            throw new PcapFormatException($"{name} uses link type {(uint)link}; the lab reads Ethernet, Null, Raw IP and Linux cooked captures. Capture on lo or a veth, or convert the file with editcap -T ether.");
        // libpcap treats a snap length of 0 or beyond its maximum as "the maximum"; so does the lab.
        var limit = snapLength is 0 or > MaxFrame ? MaxFrame : snapLength;
        var frames = new List<Frame>();
        var offset = 24;
        while (offset < bytes.Length)
        {
            var number = frames.Count + 1;
            if (bytes.Length - offset < 16)
                throw Damaged($"{name} is truncated: frame {number} has an incomplete record header at byte {offset} ({bytes.Length - offset} of 16 bytes)");
            var seconds = U32(bytes[offset..]);
            var fraction = U32(bytes[(offset + 4)..]);
            var included = U32(bytes[(offset + 8)..]);
            if (included > limit)
                throw Damaged($"{name} is damaged: frame {number} claims {included} bytes, more than the file's snap length of {limit}");
            if (fraction >= (nanos ? 1_000_000_000u : 1_000_000u))
                throw Damaged($"{name} is damaged: frame {number}'s timestamp has {fraction} {(nanos ? "nanoseconds" : "microseconds")}, more than a second");
            offset += 16;
            if (bytes.Length - offset < included)
                throw Damaged($"{name} is truncated: frame {number} needs {included} bytes, {bytes.Length - offset} remain");
            var ticks = seconds * TimeSpan.TicksPerSecond + (nanos ? fraction / 100 : fraction * 10L);
            frames.Add(new Frame(DateTimeOffset.UnixEpoch.AddTicks(ticks), bytes.Slice(offset, (int)included).ToArray(), link));
            offset += (int)included;
        }
        return frames;
    }

    static PcapFormatException Damaged(string problem) => new(problem + ".");
}

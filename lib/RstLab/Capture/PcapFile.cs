using System.Buffers.Binary;

namespace RstLab.Capture;

/// <summary>Reads and writes classic <c>.pcap</c> files (microsecond or nanosecond), without libpcap.</summary>
/// <remarks>Managed on purpose: recorded captures must open where libpcap is missing. Reading goes through <see cref="CaptureReader"/>, which also reads pcapng.</remarks>
public static class PcapFile
{
    const uint MagicMicro = 0xa1b2c3d4;
    const int MaxFrame = 262144;

    /// <summary>Writes frames to <paramref name="path"/> as a microsecond pcap.</summary>
    public static void Write(string path, IReadOnlyCollection<Frame> frames)
    {
        Guard.NotNull(frames);
        var link = frames.Count == 0 ? LinkType.Ethernet : frames.First().LinkType;
        if (frames.Any(f => f.LinkType != link))
            throw new LabArgumentException("A pcap file holds one link type; these frames mix several.", nameof(frames));
        Write(path, frames, link);
    }

    /// <summary>Writes frames as they come (any number, in constant memory) to <paramref name="path"/>, each cut to <paramref name="snapLength"/> bytes as tcpdump <c>-s</c> does.</summary>
    public static void Write(string path, IEnumerable<Frame> frames, LinkType link, int snapLength = MaxFrame)
    {
        Guard.WritableFile(path);
        Guard.NotNull(frames);
        Guard.InRange(snapLength, 14, MaxFrame, "A snap length below 14 bytes keeps no header.");
        using var stream = new BufferedStream(File.Create(path), 1 << 16);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, MagicMicro);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], (uint)snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)link);
        stream.Write(header);
        Span<byte> record = stackalloc byte[16];
        foreach (var frame in frames)
        {
            if (frame.LinkType != link)
                throw new LabArgumentException($"A pcap file holds one link type; this one is {link}, a frame is {frame.LinkType}.", nameof(frames));
            var micros = (frame.Time - DateTimeOffset.UnixEpoch).Ticks / 10;
            var kept = Math.Min(frame.Data.Length, snapLength);
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(micros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)kept);
            BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)frame.Data.Length);
            stream.Write(record);
            stream.Write(frame.Data.AsSpan(0, kept));
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
        using var reader = new CaptureReader(new MemoryStream(bytes.ToArray(), writable: false), name, classicOnly: true);
        var frames = new List<Frame>();
        while (reader.Next() is { } frame)
            frames.Add(frame);
        return frames;
    }
}

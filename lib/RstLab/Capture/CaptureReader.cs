using System.Buffers.Binary;

namespace RstLab.Capture;

/// <summary>Reads a pcap or pcapng file one frame at a time, in constant memory and without libpcap; a damaged file gives a <see cref="PcapFormatException"/> in one sentence.</summary>
/// <remarks>Both byte orders; pcap in micro- or nanoseconds; pcapng with any <c>if_tsresol</c> and <c>if_tsoffset</c>, enhanced, simple and obsolete packet blocks, several sections and interfaces.</remarks>
public sealed class CaptureReader : IDisposable
{
    const uint MagicMicro = 0xa1b2c3d4, MagicNano = 0xa1b23c4d, MagicPcapng = 0x0a0d0d0a, ByteOrderMagic = 0x1a2b3c4d;
    const int MaxFrame = 262144, MaxBlock = 16 * 1024 * 1024;

    readonly Stream _stream;
    readonly string _name;
    readonly bool _pcapng;
    readonly List<Interface> _interfaces = [];
    readonly byte[] _header = new byte[24];
    byte[] _buffer = new byte[65536];
    bool _bigEndian, _nanos, _primed;
    uint _snapLimit;
    LinkType _link;
    long _offset;
    DateTimeOffset _lastTime = DateTimeOffset.UnixEpoch;

    /// <summary>Opens <paramref name="path"/> for reading; the file's header is checked at once.</summary>
    public static CaptureReader Open(string path)
    {
        Guard.ExistingFile(path, "capture file (.pcap or .pcapng)");
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return new CaptureReader(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads every frame of a file, one at a time; dispose the enumerator (foreach does) to close the file.</summary>
    public static IEnumerable<Frame> ReadAll(string path)
    {
        Guard.ExistingFile(path, "capture file (.pcap or .pcapng)");
        return Frames(path);
    }

    static IEnumerable<Frame> Frames(string path)
    {
        using var reader = Open(path);
        while (reader.Next() is { } frame)
            yield return frame;
    }

    internal CaptureReader(Stream stream, string name, bool classicOnly = false)
    {
        _stream = stream;
        _name = name;
        // Four bytes first: a pcapng file's first block is then read on from there, so the stream need not seek.
        var got = _stream.ReadAtLeast(_header.AsSpan(0, 4), 4, throwOnEndOfStream: false);
        if (got == 0)
            throw Damaged($"{name} is empty (0 bytes), not a pcap file");
        if (got == 4 && BinaryPrimitives.ReadUInt32LittleEndian(_header) == MagicPcapng)
        {
            if (classicOnly)
                throw new PcapFormatException($"{name} is a pcapng file; the lab reads classic pcap only (pcapng is not supported). Convert it with: editcap -F pcap in.pcapng out.pcap");
            _pcapng = _primed = true;
            return;
        }
        got += _stream.ReadAtLeast(_header.AsSpan(got, 24 - got), 24 - got, throwOnEndOfStream: false);
        if (got < 24)
            throw Damaged($"{name} is not a pcap file: {got} bytes, shorter than the 24-byte header");
        ReadClassicHeader(classicOnly);
        _offset = 24;
    }

    /// <summary>Number of frames read so far.</summary>
    public long FramesRead { get; private set; }

    /// <summary>True when the file is pcapng, false for classic pcap.</summary>
    public bool IsPcapng => _pcapng;

    /// <summary>The next frame (its bytes copied), or null at the end of the file.</summary>
    public Frame? Next() => Read(out var view) ? new Frame(view.Time, view.Data.ToArray(), view.Link) : null;

    /// <summary>Reads the next frame into <paramref name="frame"/>, whose bytes stay valid until the next call; false at the end of the file.</summary>
    public bool Read(out FrameView frame)
    {
        while (true)
        {
            var found = _pcapng ? ReadBlock(out frame) : ReadRecord(out frame);
            if (found is null)
                return false;
            if (found.Value)
            {
                FramesRead++;
                return true;
            }
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _stream.Dispose();

    void ReadClassicHeader(bool classicOnly)
    {
        var bytes = _header.AsSpan();
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (magic is not (MagicMicro or MagicNano))
        {
            magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            _bigEndian = true;
            if (magic is not (MagicMicro or MagicNano))
                throw Damaged(classicOnly
                    ? $"{_name} is not a classic pcap file (magic 0x{BinaryPrimitives.ReadUInt32LittleEndian(bytes):x8}, expected 0xa1b2c3d4 or 0xa1b23c4d)"
                    : $"{_name} is neither a pcap nor a pcapng file (magic 0x{BinaryPrimitives.ReadUInt32LittleEndian(bytes):x8}, expected 0xa1b2c3d4, 0xa1b23c4d or 0x0a0d0d0a)");
        }
        var major = U16(bytes[4..]);
        if (major != 2)
            throw Damaged($"{_name} has pcap format version {major}; only version 2 (every pcap written since 1998) is known");
        _nanos = magic == MagicNano;
        var snapLength = U32(bytes[16..]);
        _link = CheckedLink(U32(bytes[20..]) & 0xffff);
        // libpcap treats a snap length of 0 or beyond its maximum as "the maximum"; so does the lab.
        _snapLimit = snapLength is 0 or > MaxFrame ? MaxFrame : snapLength;
    }

    bool? ReadRecord(out FrameView frame)
    {
        frame = default;
        var number = FramesRead + 1;
        var got = _stream.ReadAtLeast(_header.AsSpan(0, 16), 16, throwOnEndOfStream: false);
        if (got == 0)
            return null;
        if (got < 16)
            throw Damaged($"{_name} is truncated: frame {number} has an incomplete record header at byte {_offset} ({got} of 16 bytes)");
        var seconds = U32(_header);
        var fraction = U32(_header.AsSpan(4));
        var included = U32(_header.AsSpan(8));
        var original = U32(_header.AsSpan(12));
        if (included > _snapLimit)
            throw Damaged($"{_name} is damaged: frame {number} claims {included} bytes, more than the file's snap length of {_snapLimit}");
        if (fraction >= (_nanos ? 1_000_000_000u : 1_000_000u))
            throw Damaged($"{_name} is damaged: frame {number}'s timestamp has {fraction} {(_nanos ? "nanoseconds" : "microseconds")}, more than a second");
        _offset += 16;
        var data = Fill((int)included, number);
        _offset += included;
        var ticks = seconds * TimeSpan.TicksPerSecond + (_nanos ? fraction / 100 : fraction * 10L);
        frame = new FrameView(number, DateTimeOffset.UnixEpoch.AddTicks(ticks), _link, data, (int)Math.Max(original, included));
        return true;
    }

    ReadOnlySpan<byte> Fill(int length, long number)
    {
        if (_buffer.Length < length)
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        var got = _stream.ReadAtLeast(_buffer.AsSpan(0, length), length, throwOnEndOfStream: false);
        if (got < length)
            throw Damaged($"{_name} is truncated: frame {number} needs {length} bytes, {got} remain");
        return _buffer.AsSpan(0, length);
    }

    // One pcapng block: true for a packet, false for any other block, null at the end of the file.
    bool? ReadBlock(out FrameView frame)
    {
        frame = default;
        var at = _offset;
        var start = _primed ? 4 : 0;
        _primed = false;
        var got = start + _stream.ReadAtLeast(_header.AsSpan(start, 12 - start), 12 - start, throwOnEndOfStream: false);
        if (got == 0)
            return null;
        if (got < 12)
            throw Damaged($"{_name} is truncated: the pcapng block at byte {at} has an incomplete header ({got} of 12 bytes)");
        var type = BinaryPrimitives.ReadUInt32LittleEndian(_header);
        if (type == MagicPcapng)
        {
            var order = BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(8));
            _bigEndian = order != ByteOrderMagic;
            if (_bigEndian && BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(8)) != ByteOrderMagic)
                throw Damaged($"{_name} is damaged: the pcapng section at byte {at} has byte-order magic 0x{order:x8}, expected 0x1a2b3c4d");
            _interfaces.Clear();
        }
        else if (_bigEndian)
            type = BinaryPrimitives.ReadUInt32BigEndian(_header);
        var length = U32(_header.AsSpan(4));
        if (length < 12 || length % 4 != 0 || length > MaxBlock)
            throw Damaged($"{_name} is damaged: the pcapng block at byte {at} claims a length of {length} bytes (a multiple of 4 from 12 to {MaxBlock} is expected)");
        // The body after the 8-byte header, including the trailing length; the first 4 bytes are already read.
        var rest = (int)length - 12;
        if (_buffer.Length < rest + 4)
            _buffer = new byte[Math.Max(rest + 4, _buffer.Length * 2)];
        _header.AsSpan(8, 4).CopyTo(_buffer);
        var read = _stream.ReadAtLeast(_buffer.AsSpan(4, rest), rest, throwOnEndOfStream: false);
        if (read < rest)
            throw Damaged($"{_name} is truncated: the pcapng block at byte {at} needs {length} bytes, {read + 12} remain");
        _offset += length;
        var body = _buffer.AsSpan(0, (int)length - 8);
        if (U32(body[^4..]) != length)
            throw Damaged($"{_name} is damaged: the pcapng block at byte {at} ends with a length that differs from its start ({U32(body[^4..])} vs {length})");
        body = body[..^4];
        switch (type)
        {
            case 1:
                _interfaces.Add(ReadInterface(body, at));
                return false;
            case 6 or 2:
                return ReadPacket(body, type == 2, at, out frame);
            case 3:
                var iface = InterfaceAt(0, at);
                var original = (int)U32(body);
                var captured = Math.Min(body.Length - 4, iface.Snap is 0 ? original : Math.Min(original, (int)iface.Snap));
                frame = new FrameView(FramesRead + 1, _lastTime, iface.Link, body.Slice(4, Math.Max(captured, 0)), original);
                return true;
            default:
                return false;
        }
    }

    Interface ReadInterface(ReadOnlySpan<byte> body, long at)
    {
        if (body.Length < 8)
            throw Damaged($"{_name} is damaged: the interface block at byte {at} is {body.Length + 12} bytes, shorter than 20");
        var link = CheckedLink(U16(body));
        var snap = U32(body[4..]);
        ulong units = 1_000_000;
        long offset = 0;
        foreach (var (code, value) in Options(body[8..]))
        {
            if (code == 9 && value.Length >= 1)
            {
                var resolution = value[0];
                var exponent = resolution & 0x7f;
                var binary = (resolution & 0x80) != 0;
                if (binary ? exponent > 63 : exponent > 19)
                    throw Damaged($"{_name} is damaged: interface {_interfaces.Count}'s time resolution (if_tsresol 0x{resolution:x2}) is finer than any clock");
                units = binary ? 1UL << exponent : (ulong)Math.Pow(10, exponent);
            }
            else if (code == 14 && value.Length >= 8)
                offset = _bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
        }
        return new Interface(link, snap, units, offset);
    }

    bool ReadPacket(ReadOnlySpan<byte> body, bool obsolete, long at, out FrameView frame)
    {
        if (body.Length < 20)
            throw Damaged($"{_name} is damaged: the packet block at byte {at} is {body.Length + 12} bytes, too short for its fields");
        var iface = InterfaceAt(obsolete ? U16(body) : U32(body), at);
        var stamp = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
        var captured = U32(body[12..]);
        var original = U32(body[16..]);
        if (captured > body.Length - 20)
            throw Damaged($"{_name} is damaged: frame {FramesRead + 1} (block at byte {at}) claims {captured} bytes, its block holds {body.Length - 20}");
        var seconds = stamp / iface.UnitsPerSecond;
        var fraction = stamp % iface.UnitsPerSecond;
        var ticks = (long)seconds * TimeSpan.TicksPerSecond + (long)((UInt128)fraction * TimeSpan.TicksPerSecond / iface.UnitsPerSecond);
        _lastTime = DateTimeOffset.UnixEpoch.AddTicks(ticks + iface.OffsetSeconds * TimeSpan.TicksPerSecond);
        frame = new FrameView(FramesRead + 1, _lastTime, iface.Link, body.Slice(20, (int)captured), (int)Math.Max(original, captured));
        return true;
    }

    Interface InterfaceAt(uint index, long at) =>
        index < _interfaces.Count ? _interfaces[(int)index]
            : throw Damaged($"{_name} is damaged: the packet block at byte {at} names interface {index}, but the file describes {_interfaces.Count}");

    List<(ushort Code, byte[] Value)> Options(ReadOnlySpan<byte> options)
    {
        var found = new List<(ushort, byte[])>();
        while (options.Length >= 4)
        {
            var code = U16(options);
            var length = U16(options[2..]);
            if (code == 0 || 4 + length > options.Length)
                break;
            found.Add((code, options.Slice(4, length).ToArray()));
            options = options[Math.Min(options.Length, 4 + (length + 3) / 4 * 4)..];
        }
        return found;
    }

    LinkType CheckedLink(uint value)
    {
        var link = (LinkType)value;
        if (!Enum.IsDefined(link))
            throw new PcapFormatException($"{_name} uses link type {value}; the lab reads Ethernet, Null, Raw IP and Linux cooked captures. Capture on lo or a veth, or convert the file with editcap -T ether.");
        return link;
    }

    uint U32(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);

    ushort U16(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);

    static PcapFormatException Damaged(string problem) => new(problem + ".");

    sealed record Interface(LinkType Link, uint Snap, ulong UnitsPerSecond, long OffsetSeconds);
}

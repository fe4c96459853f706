using System.Buffers.Binary;
using RstLab.Capture;

namespace RstLab.Tests;

public sealed class PcapFileTests
{
    [Theory]
    [InlineData("refused.pcap", 2)]
    [InlineData("refused-three.pcap", 6)]
    [InlineData("graceful.pcap", 11)]
    [InlineData("abort.pcap", 6)]
    public void It_reads_as_many_frames_as_tshark(string name, int tsharkCount)
    {
        var frames = PcapFile.Read(Fixtures.Path(name));

        Assert.Equal(tsharkCount, frames.Count);
        Assert.All(frames, f => Assert.Equal(LinkType.Ethernet, f.LinkType));
    }

    [Fact]
    public void It_reads_microsecond_timestamps_as_tcpdump_prints_them()
    {
        var frames = PcapFile.Read(Fixtures.Path("refused.pcap"));

        var syn = new DateTimeOffset(2026, 11, 25, 12, 28, 21, TimeSpan.Zero).AddTicks(279842 * 10);
        Assert.Equal(syn, frames[0].Time);
        Assert.Equal(syn.AddTicks(10 * 10), frames[1].Time);
        Assert.Equal([74, 54], frames.Select(f => f.Data.Length));
    }

    [Theory]
    [InlineData("refused.pcap")]
    [InlineData("graceful.pcap")]
    [InlineData("abort.pcap")]
    public void It_writes_back_the_file_tcpdump_wrote_byte_for_byte(string name)
    {
        using var temp = new TempFolder();
        var copy = Path.Combine(temp.Path, name);
        var frames = PcapFile.Read(Fixtures.Path(name));

        PcapFile.Write(copy, frames);

        Assert.Equal(File.ReadAllBytes(Fixtures.Path(name)), File.ReadAllBytes(copy));
    }

    [Fact]
    public void It_round_trips_frames_with_microsecond_times()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "made.pcap");
        var t = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(123456 * 10);
        Frame[] frames = [new(t, [1, 2, 3], LinkType.Raw), new(t.AddTicks(10), [], LinkType.Raw), new(t.AddSeconds(1), [9], LinkType.Raw)];

        PcapFile.Write(path, frames);
        var read = PcapFile.Read(path);

        Assert.Equal(frames.Select(f => (f.Time, f.LinkType)), read.Select(f => (f.Time, f.LinkType)));
        Assert.Equal(frames.Select(f => f.Data), read.Select(f => f.Data));
    }

    [Fact]
    public void It_reads_nanosecond_big_endian_files()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        var swapped = ToBigEndianNanoseconds(bytes);

        var frames = PcapFile.Parse(swapped, "swapped.pcap");

        Assert.Equal(PcapFile.Parse(bytes, "refused.pcap").Select(f => (f.Time, f.Data.Length)), frames.Select(f => (f.Time, f.Data.Length)));
    }

    [Fact]
    public void It_refuses_to_write_mixed_link_types()
    {
        using var temp = new TempFolder();
        Frame[] frames = [new(DateTimeOffset.UnixEpoch, [1], LinkType.Ethernet), new(DateTimeOffset.UnixEpoch, [1], LinkType.Raw)];

        var e = Assert.Throws<LabArgumentException>(() => PcapFile.Write(Path.Combine(temp.Path, "x.pcap"), frames));
        Assert.Contains("one link type", e.Message);
    }

    [Fact]
    public void It_rejects_an_empty_file()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "empty.pcap");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Read(path));
        Assert.Contains("is empty (0 bytes)", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void It_rejects_pcapng_and_says_how_to_convert()
    {
        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Read(Fixtures.Path("refused.pcapng")));

        Assert.Contains("pcapng is not supported", e.Message);
        Assert.Contains("editcap -F pcap", e.Message);
    }

    [Fact]
    public void It_rejects_a_truncated_frame()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));

        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Parse(bytes.AsSpan(0, bytes.Length - 10), "cut.pcap"));
        Assert.Equal("cut.pcap is truncated: frame 2 needs 54 bytes, 44 remain.", e.Message);
    }

    [Fact]
    public void It_rejects_a_truncated_record_header()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));

        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Parse(bytes.AsSpan(0, 24 + 8), "cut.pcap"));
        Assert.Contains("frame 1 has an incomplete record header", e.Message);
    }

    [Fact]
    public void It_rejects_a_frame_length_no_capture_could_have()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 0x7fffffff);

        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Parse(bytes, "bad.pcap"));
        Assert.Contains("damaged: frame 1 claims 2147483647 bytes", e.Message);
    }

    [Fact]
    public void It_rejects_an_unknown_link_type()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 147);

        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Parse(bytes, "odd.pcap"));
        Assert.Contains("link type 147", e.Message);
    }

    [Fact]
    public void It_names_a_missing_file()
    {
        var e = Assert.Throws<LabArgumentException>(() => PcapFile.Read("/nonexistent/x.pcap"));
        Assert.Equal("path", e.ParamName);
        Assert.Contains("/nonexistent/x.pcap", e.Message);
    }

    [Fact]
    public void It_refuses_a_missing_file_a_folder_and_a_blank_path_at_the_entry_point()
    {
        using var temp = new TempFolder();

        var missing = Assert.Throws<LabArgumentException>(() => PcapFile.Read(Path.Combine(temp.Path, "none.pcap")));
        var folder = Assert.Throws<LabArgumentException>(() => PcapFile.Read(temp.Path));
        var blank = Assert.Throws<LabArgumentException>(() => PcapFile.Read(" "));

        Assert.Equal($"There is no capture file (.pcap) at {Path.Combine(temp.Path, "none.pcap")}; pass the path of an existing one.", missing.Message);
        Assert.Equal($"{temp.Path} is a folder; pass the path of a capture file (.pcap).", folder.Message);
        Assert.Equal("path is empty; pass a non-empty text.", blank.Message);
        Assert.All([missing, folder, blank], e => Assert.Equal("path", e.ParamName));
    }

    [Fact]
    public void It_refuses_to_write_into_a_folder_that_does_not_exist_or_onto_a_folder()
    {
        using var temp = new TempFolder();
        Frame[] frames = [new(DateTimeOffset.UnixEpoch, [1])];

        var noFolder = Assert.Throws<LabArgumentException>(() => PcapFile.Write(Path.Combine(temp.Path, "no", "x.pcap"), frames));
        var onFolder = Assert.Throws<LabArgumentException>(() => PcapFile.Write(temp.Path, frames));

        Assert.Contains("does not exist", noFolder.Message);
        Assert.Contains("is a folder", onFolder.Message);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "no")));
    }

    /// <summary>Damaged files made here from refused.pcap (two frames: 24-byte header, then 16 + 74 and 16 + 54 bytes).</summary>
    public static TheoryData<string, string> DamagedFiles() => new()
    {
        { "empty", "empty.pcap is empty (0 bytes), not a pcap file." },
        { "10 bytes", "10 bytes.pcap is not a pcap file: 10 bytes, shorter than the 24-byte header." },
        { "header only", "" },
        { "half a record header", "half a record header.pcap is truncated: frame 1 has an incomplete record header at byte 24 (8 of 16 bytes)." },
        { "half a frame", "half a frame.pcap is truncated: frame 1 needs 74 bytes, 37 remain." },
        { "second frame cut", "second frame cut.pcap is truncated: frame 2 needs 54 bytes, 53 remain." },
        { "length beyond snap length", "length beyond snap length.pcap is damaged: frame 1 claims 70000 bytes, more than the file's snap length of 65535." },
        { "length beyond any capture", "length beyond any capture.pcap is damaged: frame 1 claims 4294967295 bytes, more than the file's snap length of 262144." },
        { "wrong magic", "wrong magic.pcap is not a classic pcap file (magic 0x464c457f, expected 0xa1b2c3d4 or 0xa1b23c4d)." },
        { "pcapng", "pcapng.pcap is a pcapng file; the lab reads classic pcap only (pcapng is not supported). Convert it with: editcap -F pcap in.pcapng out.pcap" },
        { "version 3", "version 3.pcap has pcap format version 3; only version 2 (every pcap written since 1998) is known." },
        { "link type 147", "link type 147.pcap uses link type 147; the lab reads Ethernet, Null, Raw IP and Linux cooked captures. Capture on lo or a veth, or convert the file with editcap -T ether." },
        { "microseconds beyond a second", "microseconds beyond a second.pcap is damaged: frame 1's timestamp has 1000000 microseconds, more than a second." },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void It_says_what_is_wrong_with_a_damaged_file(string damage, string message)
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, damage + ".pcap");
        File.WriteAllBytes(path, Damage(File.ReadAllBytes(Fixtures.Path("refused.pcap")), damage));

        if (message.Length == 0)
        {
            Assert.Empty(PcapFile.Read(path)); // a header and no frames is a capture that saw nothing, not damage
            return;
        }
        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Read(path));
        Assert.Equal(message, e.Message.Replace(temp.Path + "/", ""));
        Assert.Equal(e.Message, e.ToString());
    }

    [Fact]
    public void It_reads_a_nanosecond_file_with_nanosecond_times()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0xa1b23c4d);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 4), 123_456_789);

        var frames = PcapFile.Parse(bytes, "nanos.pcap");

        Assert.Equal(2, frames.Count);
        Assert.Equal(1_234_567, (frames[0].Time - DateTimeOffset.UnixEpoch).Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void It_refuses_a_nanosecond_timestamp_beyond_a_second()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0xa1b23c4d);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 4), 1_000_000_000);

        var e = Assert.Throws<PcapFormatException>(() => PcapFile.Parse(bytes, "nanos.pcap"));
        Assert.Contains("1000000000 nanoseconds, more than a second", e.Message);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(uint.MaxValue)]
    public void It_reads_a_file_whose_snap_length_is_absurd_as_libpcap_does(uint snapLength)
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), snapLength);

        // libpcap reads a snap length of 0 or beyond its maximum as the maximum (262144); each frame is still checked against that.
        Assert.Equal(2, PcapFile.Parse(bytes, "snap.pcap").Count);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 262145);
        Assert.Contains("more than the file's snap length of 262144", Assert.Throws<PcapFormatException>(() => PcapFile.Parse(bytes, "snap.pcap")).Message);
    }

    static byte[] Damage(byte[] good, string damage)
    {
        var bytes = (byte[])good.Clone();
        switch (damage)
        {
            case "empty": return [];
            case "10 bytes": return bytes[..10];
            case "header only": return bytes[..24];
            case "half a record header": return bytes[..(24 + 8)];
            case "half a frame": return bytes[..(24 + 16 + 37)];
            case "second frame cut": return bytes[..^1];
            case "length beyond snap length":
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 65535);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 70000);
                return bytes;
            case "length beyond any capture": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), uint.MaxValue); return bytes;
            case "wrong magic": new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F' }.CopyTo(bytes, 0); return bytes;
            case "pcapng": BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x0a0d0d0a); return bytes;
            case "version 3": BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 3); return bytes;
            case "link type 147": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 147); return bytes;
            case "microseconds beyond a second": BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 4), 1_000_000); return bytes;
            default: throw new ArgumentOutOfRangeException(nameof(damage), damage, null);
        }
    }

    static byte[] ToBigEndianNanoseconds(byte[] little)
    {
        var big = (byte[])little.Clone();
        var span = big.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0xa1b23c4d);
        BinaryPrimitives.WriteUInt16BigEndian(span[4..], 2);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], 4);
        foreach (var at in new[] { 16, 20 })
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], BinaryPrimitives.ReadUInt32LittleEndian(little.AsSpan(at)));
        for (var offset = 24; offset < big.Length;)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(little.AsSpan(offset));
            var micros = BinaryPrimitives.ReadUInt32LittleEndian(little.AsSpan(offset + 4));
            var length = BinaryPrimitives.ReadUInt32LittleEndian(little.AsSpan(offset + 8));
            BinaryPrimitives.WriteUInt32BigEndian(span[offset..], seconds);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 4)..], micros * 1000);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 8)..], length);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 12)..], length);
            offset += 16 + (int)length;
        }
        return big;
    }
}

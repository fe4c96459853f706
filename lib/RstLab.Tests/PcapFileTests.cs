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

        var e = Assert.Throws<ArgumentException>(() => PcapFile.Write(Path.Combine(temp.Path, "x.pcap"), frames));
        Assert.Contains("one link type", e.Message);
    }

    [Fact]
    public void It_rejects_an_empty_file()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "empty.pcap");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<InvalidDataException>(() => PcapFile.Read(path));
        Assert.Contains("shorter than the 24-byte header", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void It_rejects_pcapng_and_says_how_to_convert()
    {
        var e = Assert.Throws<InvalidDataException>(() => PcapFile.Read(Fixtures.Path("refused.pcapng")));

        Assert.Contains("pcapng is not supported", e.Message);
        Assert.Contains("editcap -F pcap", e.Message);
    }

    [Fact]
    public void It_rejects_a_truncated_frame()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));

        var e = Assert.Throws<InvalidDataException>(() => PcapFile.Parse(bytes.AsSpan(0, bytes.Length - 10), "cut.pcap"));
        Assert.Equal("cut.pcap is truncated: frame 2 needs 54 bytes, 44 remain.", e.Message);
    }

    [Fact]
    public void It_rejects_a_truncated_record_header()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));

        var e = Assert.Throws<InvalidDataException>(() => PcapFile.Parse(bytes.AsSpan(0, 24 + 8), "cut.pcap"));
        Assert.Contains("frame 1 has an incomplete record header", e.Message);
    }

    [Fact]
    public void It_rejects_a_frame_length_no_capture_could_have()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24 + 8), 0x7fffffff);

        var e = Assert.Throws<InvalidDataException>(() => PcapFile.Parse(bytes, "bad.pcap"));
        Assert.Contains("damaged: frame 1 claims 2147483647 bytes", e.Message);
    }

    [Fact]
    public void It_rejects_an_unknown_link_type()
    {
        var bytes = File.ReadAllBytes(Fixtures.Path("refused.pcap"));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 147);

        var e = Assert.Throws<InvalidDataException>(() => PcapFile.Parse(bytes, "odd.pcap"));
        Assert.Contains("link type 147", e.Message);
    }

    [Fact]
    public void It_names_a_missing_file()
    {
        var e = Assert.Throws<FileNotFoundException>(() => PcapFile.Read("/nonexistent/x.pcap"));
        Assert.Contains("/nonexistent/x.pcap", e.Message);
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

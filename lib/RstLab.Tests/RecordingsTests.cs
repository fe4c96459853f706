using RstLab.Capture;

namespace RstLab.Tests;

public sealed class RecordingsTests
{
    [Theory]
    [InlineData("../outside")]
    [InlineData("01..refused")]
    [InlineData("a/b")]
    public void It_rejects_names_that_leave_the_folder(string name)
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<ArgumentException>(() => Recordings.Load(name, temp.Path));
        Assert.Contains("not a usable recording name", e.Message);
    }

    [Fact]
    public void It_has_no_recording_for_an_unknown_name()
    {
        using var temp = new TempFolder();

        Assert.Null(Recordings.Load("01-refused", temp.Path));
    }

    [Fact]
    public void It_saves_frames_with_a_note_of_this_kernel()
    {
        using var temp = new TempFolder();
        var frames = PcapFile.Read(Fixtures.Path("refused.pcap"));

        Recordings.Save("01-refused", frames, "tcp and (port 47211)", 47211, temp.Path);
        var loaded = Recordings.Load("01-refused", temp.Path)!;

        Assert.Equal(frames.Select(f => (f.Time, f.Data.Length)), loaded.Frames.Select(f => (f.Time, f.Data.Length)));
        Assert.Equal(("01-refused", File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), "tcp and (port 47211)", 47211),
            (loaded.Note.Name, loaded.Note.Kernel, loaded.Note.Filter, loaded.Note.ServerPort));
        Assert.True(DateTimeOffset.UtcNow - loaded.Note.Recorded < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void It_loads_a_pcap_without_a_note()
    {
        using var temp = new TempFolder();
        File.Copy(Fixtures.Path("abort.pcap"), Path.Combine(temp.Path, "03-abort.pcap"));

        var loaded = Recordings.Load("03-abort", temp.Path)!;

        Assert.Equal(6, loaded.Frames.Count);
        Assert.Equal("unknown kernel", loaded.Note.Kernel);
    }
}

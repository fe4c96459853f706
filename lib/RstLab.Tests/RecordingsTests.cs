using RstLab.Capture;

namespace RstLab.Tests;

public sealed class RecordingsTests
{
    [Theory]
    [InlineData("../outside")]
    [InlineData("01..refused")]
    [InlineData("a/b/c")]
    [InlineData("/etc/passwd")]
    [InlineData("diagnose/")]
    public void It_rejects_names_that_leave_the_folder(string name)
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<LabArgumentException>(() => Recordings.Load(name, temp.Path));
        Assert.Contains("not a usable recording name", e.Message);
    }

    [Fact]
    public void It_saves_and_loads_a_recording_in_one_folder_below()
    {
        using var temp = new TempFolder();

        Recordings.Save("diagnose/refused", PcapFile.Read(Fixtures.Path("refused.pcap")), "tcp port 1", 1, temp.Path);

        Assert.True(File.Exists(Path.Combine(temp.Path, "diagnose", "refused.pcap")));
        Assert.Equal(2, Recordings.Load("diagnose/refused", temp.Path)!.Frames.Count);
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
    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(100)]
    public void It_names_a_damaged_recording_and_how_to_restore_it(int keep)
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(Path.Combine(temp.Path, "01-refused.pcap"), File.ReadAllBytes(Fixtures.Path("refused.pcap"))[..keep]);

        var e = Assert.Throws<PcapFormatException>(() => Recordings.Load("01-refused", temp.Path));

        Assert.StartsWith($"The recording {Path.Combine(temp.Path, "01-refused.pcap")} is damaged: ", e.Message);
        Assert.Contains("git checkout -- data/01-refused.pcap", e.Message);
        Assert.Contains("sudo ./lab record", e.Message);
        Assert.Equal(e.Message, e.ToString());
    }

    [Fact]
    public void It_names_a_damaged_note_and_how_to_restore_it()
    {
        using var temp = new TempFolder();
        File.Copy(Fixtures.Path("refused.pcap"), Path.Combine(temp.Path, "01-refused.pcap"));
        File.WriteAllText(Path.Combine(temp.Path, "01-refused.json"), "{\"Name\": \"01-ref");

        var e = Assert.Throws<PcapFormatException>(() => Recordings.Load("01-refused", temp.Path));

        Assert.StartsWith($"The recording note {Path.Combine(temp.Path, "01-refused.json")} is damaged", e.Message);
        Assert.Contains("git checkout -- data/01-refused.json", e.Message);
    }

    [Fact]
    public void It_refuses_a_folder_that_does_not_exist_or_is_a_file()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "x");
        File.WriteAllText(file, "");

        var missing = Assert.Throws<LabArgumentException>(() => Recordings.Load("01-refused", Path.Combine(temp.Path, "none")));
        var notFolder = Assert.Throws<LabArgumentException>(() => Recordings.Load("01-refused", file));
        var saveOnFile = Assert.Throws<LabArgumentException>(() => Recordings.Save("01-refused", [], "tcp", 80, file));

        Assert.Contains("There is no recordings folder at", missing.Message);
        Assert.Contains("is a file", notFolder.Message);
        Assert.Contains("is a file", saveOnFile.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(70000)]
    public void It_refuses_to_save_a_server_port_no_capture_had(int port)
    {
        using var temp = new TempFolder();

        var e = Assert.Throws<LabArgumentException>(() => Recordings.Save("01-refused", [], "tcp", port, temp.Path));

        Assert.Equal($"serverPort must be 1–65535; got {port}.", e.Message);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
    [Fact]
    public void It_loads_every_committed_recording_despite_the_stricter_checks()
    {
        var names = Directory.GetFiles(Recordings.Folder, "*.pcap").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.NotEmpty(Recordings.Load(name!)!.Frames));
    }
}

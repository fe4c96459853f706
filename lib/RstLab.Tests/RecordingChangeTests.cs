using RstLab.Cli.Recording;

namespace RstLab.Tests;

/// <summary>What ./lab record shows before anything is replaced: packets, and each connection's flags, committed against new.</summary>
public class RecordingChangeTests
{
    [Fact]
    public void It_shows_each_connection_whose_flags_changed()
    {
        using var folders = new TempFolder();
        var (committed, staged) = (Directory.CreateDirectory(Path.Combine(folders.Path, "data")).FullName, Directory.CreateDirectory(Path.Combine(folders.Path, "new")).FullName);
        File.Copy(Fixtures.Path("refused.pcap"), Path.Combine(committed, "01-refused.pcap"));
        File.Copy(Fixtures.Path("refused-three.pcap"), Path.Combine(staged, "01-refused.pcap"));

        var change = RecordingChange.Compare(staged, committed, "01-refused");

        Assert.Equal((2, 6), (change.OldPackets, change.NewPackets));
        Assert.Equal([("S R.", "S R."), (null, "S R."), (null, "S R.")], change.Connections);
        Assert.Equal([2, 3], change.Changed.Select(c => c.Number));
        Assert.Equal("2 of 3 connections changed", change.Summary);
    }

    [Fact]
    public void It_calls_a_recording_with_no_committed_one_new_and_the_same_capture_unchanged()
    {
        using var folders = new TempFolder();
        File.Copy(Fixtures.Path("graceful.pcap"), Path.Combine(folders.Path, "00-baseline.pcap"));

        Assert.Equal("new recording", RecordingChange.Compare(folders.Path, Path.Combine(folders.Path, "none"), "00-baseline").Summary);
        Assert.Equal("same flags in its one connection", RecordingChange.Compare(folders.Path, folders.Path, "00-baseline").Summary);
    }

    [Fact]
    public void It_replaces_a_recording_with_all_its_files_and_drops_a_stale_sidecar()
    {
        using var folders = new TempFolder();
        var (data, staged) = (Directory.CreateDirectory(Path.Combine(folders.Path, "data")).FullName, Directory.CreateDirectory(Path.Combine(folders.Path, "data", "new")).FullName);
        foreach (var (file, text) in new[] { ("01-refused.pcap", "old capture"), ("01-refused.json", "old note"), ("01-refused.reasons.json", "old reasons"), ("01-refused-x.pcap", "another recording") })
            File.WriteAllText(Path.Combine(data, file), text);
        File.WriteAllText(Path.Combine(staged, "01-refused.pcap"), "new capture");
        File.WriteAllText(Path.Combine(staged, "01-refused.json"), "new note");

        RecordingFiles.Replace(staged, data, "01-refused");

        Assert.Equal(["01-refused-x.pcap another recording", "01-refused.json new note", "01-refused.pcap new capture"],
            Directory.GetFiles(data).Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)} {File.ReadAllText(f)}"));
        Assert.Empty(Directory.GetFiles(staged));
    }

    [Fact]
    public void It_replaces_nothing_when_the_new_recording_has_no_capture()
    {
        using var folders = new TempFolder();
        File.WriteAllText(Path.Combine(folders.Path, "01-refused.pcap"), "old capture");
        var staged = Directory.CreateDirectory(Path.Combine(folders.Path, "new")).FullName;
        File.WriteAllText(Path.Combine(staged, "01-refused.json"), "a note without its capture");

        var e = Assert.Throws<InvalidOperationException>(() => RecordingFiles.Replace(staged, folders.Path, "01-refused"));

        Assert.Contains("01-refused.pcap is missing", e.Message);
        Assert.Equal("old capture", File.ReadAllText(Path.Combine(folders.Path, "01-refused.pcap")));
    }
}

using RstLab.Cli;

namespace RstLab.Tests;

/// <summary>./lab record never overwrites a committed recording silently: new captures go beside the old ones, the change is shown, and only --replace
/// replaces a recording, with its note and sidecars; a stopped recording leaves the committed ones intact. On a fake course whose kernel is a script.</summary>
public class LabRecordTests
{
    [LiveFact]
    public void It_records_beside_the_committed_recordings_and_leaves_them_byte_identical_without_replace()
    {
        using var course = new FakeCourse();
        var committed = course.Listing("data");

        var (code, output) = course.Lab("record");

        Assert.True(code == 0, output);
        Assert.Equal(committed, course.Listing("data").Where(f => !f.StartsWith("new/", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(course.Data, "new", "01-first.pcap")));
        // What changed: packets, and each connection's flags (one refusal became three; the abort is the same).
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, @"01-first\s+2 → 6\s+2 of 3 connections changed"), output);
        Assert.Contains("#2 (none)", output);
        Assert.Contains("#2 S R.", output);
        Assert.Contains("same flags in its one connection", output);
        Assert.Contains("Nothing in data/ changed", output);
    }

    [LiveFact]
    public void It_replaces_each_recording_with_its_note_and_sidecars_only_with_replace()
    {
        using var course = new FakeCourse();

        var (code, output) = course.Lab("record", "--replace", "01");

        Assert.True(code == 0, output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(course.Root, "fake", "01-first.pcap")), File.ReadAllBytes(Path.Combine(course.Data, "01-first.pcap")));
        Assert.Contains("\"01-first\"", File.ReadAllText(Path.Combine(course.Data, "01-first.json")));
        Assert.DoesNotContain("committed", File.ReadAllText(Path.Combine(course.Data, "01-first.json")));
        // The old recording's sidecar belonged to the old capture: it goes with it.
        Assert.False(File.Exists(Path.Combine(course.Data, "01-first.reasons.json")));
        // Only the named notebook was recorded; the other recording is as committed.
        Assert.Contains("committed", File.ReadAllText(Path.Combine(course.Data, "02-second.json")));
        Assert.False(Directory.Exists(Path.Combine(course.Data, "new")));
    }

    [LiveFact]
    public void It_shows_and_replaces_a_recording_one_folder_below_data_like_the_others()
    {
        using var course = new FakeCourse();
        Directory.CreateDirectory(Path.Combine(course.Root, "fake", "diagnose"));
        Directory.CreateDirectory(Path.Combine(course.Data, "diagnose"));
        File.Copy(Fixtures.Path("refused-three.pcap"), Path.Combine(course.Root, "fake", "diagnose", "02-second.pcap"));
        File.Copy(Fixtures.Path("refused.pcap"), Path.Combine(course.Data, "diagnose", "02-second.pcap"));

        var (shown, output) = course.Lab("record", "02");

        Assert.True(shown == 0, output);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(output, @"diagnose/02-second\s+2 → 6"), output);
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("refused.pcap")), File.ReadAllBytes(Path.Combine(course.Data, "diagnose", "02-second.pcap")));

        var (replaced, log) = course.Lab("record", "--replace", "02");

        Assert.True(replaced == 0, log);
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("refused-three.pcap")), File.ReadAllBytes(Path.Combine(course.Data, "diagnose", "02-second.pcap")));
        Assert.Contains("\"diagnose/02-second\"", File.ReadAllText(Path.Combine(course.Data, "diagnose", "02-second.json")));
        Assert.False(Directory.Exists(Path.Combine(course.Data, "new")));
    }

    [LiveFact]
    public void It_keeps_no_change_exercises_run_even_with_replace()
    {
        using var course = new FakeCourse();
        Directory.CreateDirectory(Path.Combine(course.Root, "fake", "exercises"));
        File.Copy(Fixtures.Path("refused.pcap"), Path.Combine(course.Root, "fake", "exercises", "02-second.pcap"));
        var committed = course.Listing("data").Where(f => f.StartsWith("exercises/", StringComparison.Ordinal)).ToList();

        var (code, output) = course.Lab("record", "--replace", "02");

        Assert.True(code == 0, output);
        Assert.DoesNotContain("exercises/02-second", output);
        Assert.Equal(committed, course.Listing("data").Where(f => f.StartsWith("exercises/", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(Path.Combine(course.Data, "new")));
    }

    [LiveFact]
    public async Task It_leaves_the_committed_recordings_intact_when_a_recording_is_stopped()
    {
        using var course = new FakeCourse();
        File.WriteAllText(Path.Combine(course.Root, "fake", "sleep"), "60");
        var committed = course.Listing("data");
        using var stop = new CancellationTokenSource();

        var recording = Task.Run(() => course.Lab(["record", "--replace"], stop.Token));
        var staged = Path.Combine(course.Data, "new", "01-first.pcap");
        for (var waited = 0; !File.Exists(staged) && waited < 600; waited++)
            await Task.Delay(100);
        Assert.True(File.Exists(staged), "the stand-in kernel never saved its capture");
        stop.Cancel();
        var (code, output) = await recording.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Verb.Stopped, code);
        Assert.Contains("Stopped", output);
        Assert.Equal(committed, course.Listing("data").Where(f => !f.StartsWith("new/", StringComparison.Ordinal)));
    }
}

using System.Text;
using RstLab.Capture;
using RstLab.Diagnosis;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>The diagnosis against the truth: every recording in data/ (labelled from its notebook's text) and data/diagnose/ (labelled by the code that made it).</summary>
public sealed class DiagnosisAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public void It_labels_every_recording_in_data()
    {
        Assert.Empty(RecordingLabel.Unlabelled());
        // And no label names a capture that is not there.
        Assert.All(RecordingLabel.All(), l => Assert.True(File.Exists(Path.Combine(Recordings.Folder, l.File)), l.File));
    }

    [Fact]
    public void It_names_the_true_cause_of_every_labelled_reset_first()
    {
        var confusion = new Dictionary<(ResetCause Truth, ResetCause Said), int>();
        var wrong = new List<string>();
        var total = 0;
        foreach (var label in RecordingLabel.All())
        {
            var file = label.File;
            var rows = ResetDiagnoser.Diagnose(Path.Combine(Recordings.Folder, file)).ToList();
            if (rows.Count != label.Causes.Count)
                wrong.Add($"{file}: {rows.Count} resets diagnosed, {label.Causes.Count} labelled");
            foreach (var (row, truth) in rows.Zip(label.Causes))
            {
                total++;
                confusion[(truth, row.Cause)] = confusion.GetValueOrDefault((truth, row.Cause)) + 1;
                if (row.Cause != truth)
                    wrong.Add($"{file} frame {row.Frame}: said {row.Cause} ({row.Confidence:P0}), truth {truth} ({label.Says}); {row.Explanation}");
            }
        }

        output.WriteLine(ConfusionTable(confusion, total));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.True(total >= 35, $"only {total} labelled resets");
    }

    static string ConfusionTable(Dictionary<(ResetCause Truth, ResetCause Said), int> confusion, int total)
    {
        var causes = confusion.Keys.SelectMany(k => new[] { k.Truth, k.Said }).Distinct().Order().ToList();
        var text = new StringBuilder($"Confusion table over {total} labelled resets (rows: truth, columns: top cause)\n");
        var width = causes.Max(c => c.ToString().Length) + 1;
        text.Append("".PadRight(width));
        foreach (var said in causes)
            text.Append(said.ToString()[..Math.Min(8, said.ToString().Length)].PadLeft(9));
        text.AppendLine();
        foreach (var truth in causes)
        {
            text.Append(truth.ToString().PadRight(width));
            foreach (var said in causes)
                text.Append(confusion.GetValueOrDefault((truth, said)).ToString().PadLeft(9));
            text.AppendLine();
        }
        return text.ToString();
    }
}

using RstLab.Diagnosis;
using RstLab.Exercises;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>Exercises without a kernel: hints one after the other, the explanation when right, predictions kept through the reveal,
/// and every exercise's cell, reference solution and wrong answer in place. Progress goes to a temporary file, never the learner's.</summary>
public sealed class ExerciseTests : IDisposable
{
    readonly TempFolder _folder = new();

    public ExerciseTests() => Environment.SetEnvironmentVariable(Progress.Variable, Path.Combine(_folder.Path, "progress.json"));

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Progress.Variable, null);
        _folder.Dispose();
    }

    [Fact]
    public void It_says_not_yet_with_the_first_hint_and_counts_no_try_when_nothing_is_written()
    {
        var feedback = Predict.Flags("01.1", null).Reveal(TcpFlags.RstAck);
        Assert.Equal(Verdict.NotYet, feedback.Verdict);
        Assert.Contains(ExerciseCatalog.Find("01.1").FirstHint, feedback.Message);
        Assert.False(File.Exists(Progress.FilePath));
    }

    [Fact]
    public void It_gives_the_first_hint_then_the_second_on_the_next_try()
    {
        var exercise = ExerciseCatalog.Find("02.3");
        var wrong = new DiagnosisAnswer(ResetCause.AbortiveClose, Side.Client, Errno.EPIPE, SeqAck.FromTheSegmentsAck);
        var first = Diagnose.Check("02.3", wrong);
        var second = Diagnose.Check("02.3", wrong);
        Assert.Equal((Verdict.NotYet, Verdict.NotYet), (first.Verdict, second.Verdict));
        Assert.Contains(exercise.FirstHint, first.Message);
        Assert.Contains(exercise.SecondHint, second.Message);
        Assert.Contains("the side that sent the RST, the client's errno, why these seq/ack", first.Message);
        Assert.DoesNotContain("the condition", first.Message);
        Assert.Equal(2, Progress.Of("02.3").Misses);
    }

    [Fact]
    public void It_explains_why_when_right_and_keeps_it_solved()
    {
        var right = Diagnose.Check("01.3", new DiagnosisAnswer(ResetCause.NoListener, Side.Server, Errno.ECONNREFUSED, SeqAck.AnswerToSyn));
        Assert.Equal(Verdict.Right, right.Verdict);
        Assert.Equal(ExerciseCatalog.Find("01.3").Why, right.Message);
        Assert.True(Progress.Of("01.3").Solved);
        Assert.Equal(1, Progress.PerNotebook().Single(p => p.Notebook == "01-no-listener").Solved);
    }

    [Fact]
    public void It_keeps_the_prediction_made_before_the_reveal()
    {
        var wrong = Predict.Flags("01.1", TcpFlags.SynAck);
        Assert.Equal("S.", Progress.Of("01.1").Prediction);
        Assert.Equal(Verdict.NotYet, wrong.Reveal(TcpFlags.RstAck).Verdict);
        var after = Predict.Flags("01.1", TcpFlags.RstAck).Reveal(TcpFlags.RstAck);
        Assert.Equal(Verdict.Right, after.Verdict);
        Assert.Contains("Your prediction before the reveal, S., stays on record.", after.Message);
        var entry = Progress.Of("01.1");
        Assert.Equal(("S.", false, true), (entry.Prediction, entry.PredictionRight, entry.Solved));
        Assert.Equal(0, Progress.PerNotebook().Single(p => p.Notebook == "01-no-listener").PredictionsRight);
    }

    [Fact]
    public void It_marks_a_byte_range_by_whether_the_count_falls_inside()
    {
        Assert.Equal(Verdict.Right, Predict.Bytes("01.1", 100, 200).Reveal(150).Verdict);
        Assert.Equal(Verdict.NotYet, Predict.Bytes("01.1", 100, 200).Reveal(201).Verdict);
        Assert.Throws<LabArgumentException>(() => Predict.Bytes("01.1", 200, 100));
        Assert.Contains("too wide", Assert.Throws<LabArgumentException>(() => Predict.Bytes("01.1", 100, 201)).Message);
    }

    [Fact]
    public void It_names_the_exercises_when_one_does_not_exist()
    {
        var e = Assert.Throws<LabArgumentException>(() => Predict.Flags("09.9", TcpFlags.Rst));
        Assert.Contains("There is no exercise 09.9; the exercises are 01.1", e.Message);
    }

    [Fact]
    public void It_starts_afresh_from_a_damaged_progress_file()
    {
        File.WriteAllText(Progress.FilePath, "{ not json");
        Assert.Empty(Progress.Load());
        Assert.Equal(Verdict.NotYet, Predict.Flags("01.1", TcpFlags.Rst).Reveal(TcpFlags.RstAck).Verdict);
        Assert.Equal(1, Progress.Of("01.1").Misses);
    }

    public static IEnumerable<object[]> WithExercises() => ExerciseCatalog.All.Select(e => e.Notebook).Distinct().Select(n => new object[] { n });

    /// <summary>Each notebook with exercises has each exercise's cell (by id), at least one of each kind, and a reference solution and a
    /// wrong answer for every one of them, which apply cleanly.</summary>
    [Theory]
    [MemberData(nameof(WithExercises))]
    public void It_has_a_cell_a_solution_and_a_wrong_answer_for_each_exercise(string notebook)
    {
        var exercises = ExerciseCatalog.Of(notebook);
        Assert.Equal(Enum.GetValues<ExerciseKind>().Order(), exercises.Select(e => e.Kind).Distinct().Order());
        var ids = Notebooks.Load(Path.Combine(Notebooks.Folder, notebook + ".ipynb"))["cells"]!.AsArray().Select(c => (string?)c!["id"]).ToHashSet();
        Assert.All(exercises, e => Assert.Contains(e.Cell, ids));
        foreach (var file in new[] { ExerciseRuns.Solutions(notebook), ExerciseRuns.WrongAnswers(notebook) })
        {
            Assert.Equal(exercises.Select(e => e.Cell).Order(), SolutionFile.Read(file).Keys.Order());
            var copy = Path.Combine(_folder.Path, Path.GetFileName(file) + ".ipynb");
            SolutionFile.Apply(Path.Combine(Notebooks.Folder, notebook + ".ipynb"), file, copy);
            Assert.Contains(SolutionFile.Read(file).Values.First().Split('\n')[0], File.ReadAllText(copy));
        }
    }

    /// <summary>The diagnosis exercises' recordings show what their answers say: the diagnoser names the cause, and the reset comes from that side.</summary>
    [Theory]
    [InlineData("01.3")]
    [InlineData("02.3")]
    [InlineData("03.3")]
    [InlineData("04.3")]
    public void It_records_what_the_diagnosis_answer_says(string id)
    {
        var exercise = ExerciseCatalog.Find(id);
        var table = Diagnose.Recording(id);
        var reset = table.Rsts.First();
        Assert.Equal(exercise.Truth!.ResetBy == Side.Client, reset.FromClient);
        Assert.Equal(exercise.Truth.Cause, ResetDiagnoser.Diagnose(Capture.Recordings.PathOf(exercise.Recording!)).First().Cause);
        var rule = ResetRule.For(table.Answered(reset)!);
        Assert.Equal(exercise.Truth.Numbers != SeqAck.SendersOwnState, rule is not null && rule.IsMetBy(reset));
    }

    [Fact]
    public void It_shows_no_recording_that_a_notebook_shows()
    {
        var notebooks = string.Concat(Directory.GetFiles(Notebooks.Folder, "*.ipynb").Select(File.ReadAllText));
        foreach (var exercise in ExerciseCatalog.All.Where(e => e.Recording is not null))
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(notebooks, Path.GetFileName(exercise.Recording!)));
    }

    [Fact]
    public void It_keeps_every_entry_when_several_save_at_once()
    {
        // As two kernels do when ./lab run runs notebooks at once: each writes back the whole file.
        var ids = Enumerable.Range(0, 40).Select(i => $"99.{i}").ToList();
        Parallel.ForEach(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, id => Assert.Null(Progress.Save(new ProgressEntry(id))));
        Assert.Equal(ids.Order(StringComparer.Ordinal), Progress.Load().Keys.Order(StringComparer.Ordinal));
    }
}

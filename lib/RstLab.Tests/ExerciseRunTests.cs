using RstLab.Exercises;

namespace RstLab.Tests;

/// <summary>Every notebook with exercises, headless in the real kernel: unanswered (each exercise says "not yet" and nothing fails), with each reference
/// solution (each says "right" on the live run), and with a deliberately wrong answer for each (each says "not yet" with its first hint).</summary>
[Collection("live")]
public sealed class ExerciseRunTests
{
    public static IEnumerable<object[]> WithExercises() => ExerciseTests.WithExercises();

    [Theory]
    [MemberData(nameof(WithExercises))]
    public void It_runs_unanswered_and_each_exercise_says_not_yet_with_its_first_hint(string notebook) =>
        AssertEach(notebook, Notebooks.ExecuteOnce(notebook + ".ipynb"), "not yet", e => e.FirstHint);

    [LiveTheory]
    [MemberData(nameof(WithExercises))]
    public void It_runs_with_the_reference_solutions_and_each_exercise_is_right_live(string notebook) =>
        AssertEach(notebook, ExerciseRuns.Execute(notebook, "solutions", ExerciseRuns.Solutions(notebook)), "right", e => e.Why);

    [LiveTheory]
    [MemberData(nameof(WithExercises))]
    public void It_runs_with_wrong_answers_and_each_exercise_says_not_yet_with_its_first_hint(string notebook) =>
        AssertEach(notebook, ExerciseRuns.Execute(notebook, "wrong", ExerciseRuns.WrongAnswers(notebook)), "not yet", e => "Hint: " + e.FirstHint);

    static void AssertEach(string notebook, (int ExitCode, System.Text.Json.Nodes.JsonNode? Executed, string Log) run, string verdict, Func<Exercise, string> says)
    {
        NotebookRunTests.AssertCompleted(run);
        var shown = ExerciseRuns.Feedback(run.Executed!);
        Assert.All(ExerciseCatalog.Of(notebook), e =>
        {
            Assert.True(shown.TryGetValue(e.Id, out var text), $"exercise {e.Id} showed no feedback; blocks shown: {string.Join(", ", shown.Keys)}");
            Assert.True(text.Contains($"Exercise {e.Id}: {verdict}.") && text.Contains(says(e)), $"exercise {e.Id} should say '{verdict}' and '{says(e)}'; it said: {text}");
        });
    }
}

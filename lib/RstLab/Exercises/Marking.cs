namespace RstLab.Exercises;

/// <summary>Marks one try at an exercise and keeps it in <see cref="Progress"/>: not yet with the next hint, or right with why.</summary>
internal static class Marking
{
    /// <summary>Marks <paramref name="answer"/> (null: nothing written yet, not counted as a try); <paramref name="observed"/> is shown with a right answer.</summary>
    public static Feedback Mark(Exercise exercise, string? answer, bool right, string observed)
    {
        Guard.NotNull(exercise);
        Guard.NotNull(observed);
        if (answer is null)
            return new Feedback(exercise, Verdict.NotYet, $"No answer written yet. {exercise.Task} Hint: {exercise.FirstHint}");
        var entry = Progress.Of(exercise.Id);
        if (exercise.Kind == ExerciseKind.Predict && entry.PredictionRight is null)
            // The reveal marks the prediction written before it (the one kept), and never replaces it.
            entry = entry with { Prediction = entry.Prediction ?? answer, PredictionRight = (entry.Prediction ?? answer) == answer ? right : null };
        entry = right ? entry with { Solved = true } : entry with { Misses = entry.Misses + 1 };
        var unsaved = Progress.Save(entry) is { } problem ? " " + problem : "";
        var kept = exercise.Kind == ExerciseKind.Predict && entry.Prediction is { } p && p != answer
            ? $" Your prediction before the reveal, {p}, stays on record."
            : "";
        return right
            ? new Feedback(exercise, Verdict.Right, exercise.Why + kept + unsaved) { Answer = answer, Observed = observed }
            : new Feedback(exercise, Verdict.NotYet, $"Hint: {exercise.Hint(entry.Misses)}{kept}{unsaved}") { Answer = answer };
    }

    /// <summary>The exercise could not be checked because its live run did not happen here; says why, and counts no try.</summary>
    public static Feedback NotLive(Exercise exercise, string why) =>
        new(Guard.NotNull(exercise), Verdict.NotLive, $"This exercise is checked on a live run, which could not happen here: {Guard.NotBlank(why)}");
}

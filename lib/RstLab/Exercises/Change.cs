using RstLab.Evidence;
using RstLab.Scenarios;

namespace RstLab.Exercises;

/// <summary>"Change one thing" exercises: the learner's changed experiment is checked on its live run, e.g. <c>Change.Check("02.2", run, run.Wire.Packets.Rsts, Expect.None)</c>.</summary>
public static class Change
{
    /// <summary>Right when the live run's <paramref name="observed"/> evidence meets <paramref name="goal"/>; not checked when <paramref name="run"/> was not live.</summary>
    public static Feedback Check<T>(string exercise, IExperimentRun run, T observed, IExpectation<T> goal)
    {
        Guard.NotBlank(exercise);
        Guard.NotNull(goal);
        Guard.NotNull(run);
        var found = ExerciseCatalog.Find(exercise, nameof(exercise));
        if (run.WhyNotLive is { } why)
            return Marking.NotLive(found, why);
        var shown = observed is null ? "nothing" : goal.Show(observed);
        // Every run of the cell is a try: the unchanged code is the first one, and is not right.
        return Marking.Mark(found, "your change", observed is not null && goal.IsMetBy(observed), shown);
    }
}

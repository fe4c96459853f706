namespace RstLab.Exercises;

/// <summary>A prediction written before an experiment runs (see <see cref="Predict"/>); shown as the answer kept for the reveal.</summary>
/// <param name="Exercise">The exercise it answers.</param>
/// <param name="Answer">The prediction as written, or null when none was written yet.</param>
public abstract record Prediction(Exercise Exercise, string? Answer)
{
    /// <summary>What the cell shows before the experiment: the prediction kept, or that there is none yet.</summary>
    public override string ToString() => Answer is null
        ? $"Exercise {Exercise.Id}: no prediction written yet. {Exercise.Task}"
        : $"Exercise {Exercise.Id}: your prediction, {Answer}, is kept; the reveal below the experiment marks it.";
}

namespace RstLab.Exercises;

/// <summary>A notebook's exercises and how far the learner got.</summary>
/// <param name="Notebook">The notebook, e.g. <c>01-no-listener</c>.</param>
/// <param name="Exercises">How many exercises it has.</param>
/// <param name="Solved">How many the learner solved.</param>
/// <param name="PredictionsRight">How many predictions were right before the reveal.</param>
/// <param name="Predictions">How many of its exercises are predictions.</param>
public sealed record NotebookProgress(string Notebook, int Exercises, int Solved, int PredictionsRight, int Predictions)
{
    /// <summary><c>2 of 3 solved; 1 of 1 predictions right before the reveal</c>.</summary>
    public override string ToString() => $"{Solved} of {Exercises} solved; {PredictionsRight} of {Predictions} predictions right before the reveal";
}

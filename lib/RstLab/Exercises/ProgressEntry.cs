namespace RstLab.Exercises;

/// <summary>A learner's record of one exercise: tries, whether it is solved, and the prediction made before the reveal.</summary>
/// <param name="Id">The exercise, e.g. <c>01.1</c>.</param>
public sealed record ProgressEntry(string Id)
{
    /// <summary>Answered tries that were not right yet.</summary>
    public int Misses { get; init; }

    /// <summary>True once a try was right.</summary>
    public bool Solved { get; init; }

    /// <summary>The prediction as written before the reveal; the reveal never changes it.</summary>
    public string? Prediction { get; init; }

    /// <summary>Whether the kept prediction was right, set at its reveal; null before.</summary>
    public bool? PredictionRight { get; init; }
}

namespace RstLab.Exercises;

/// <summary>A prediction of a value of type <typeparamref name="T"/>, marked against the live run by <see cref="Reveal(T)"/>.</summary>
/// <typeparam name="T">What the run shows: flags, a call's outcome, a byte count, a side.</typeparam>
public sealed record Prediction<T> : Prediction
{
    readonly Func<T, bool> _matches;
    readonly Func<T, string> _show;

    /// <summary>A prediction <paramref name="answer"/> that <paramref name="matches"/> the observed value; <paramref name="show"/> writes an observed value.</summary>
    public Prediction(Exercise exercise, string? answer, Func<T, bool> matches, Func<T, string> show) : base(exercise, answer)
    {
        _matches = Guard.NotNull(matches);
        _show = Guard.NotNull(show);
    }

    /// <summary>Marks the prediction against what the run showed: right with why, or not yet with a hint; the kept prediction stays as it was.</summary>
    public Feedback Reveal(T observed) => Marking.Mark(Exercise, Answer, Answer is not null && _matches(observed), _show(observed));

    /// <summary>As <see cref="Reveal(T)"/>, or why it cannot be marked: the experiment did not run live here.</summary>
    public Feedback Reveal(Scenarios.IExperimentRun run, T observed) =>
        Guard.NotNull(run).WhyNotLive is { } why ? Marking.NotLive(Exercise, why) : Reveal(observed);

    /// <summary>The same text as the base record.</summary>
    public override string ToString() => base.ToString();
}

namespace RstLab.Evidence;

/// <summary>A value the observed one must equal, e.g. the states a ladder ends in.</summary>
/// <param name="Value">The expected value.</param>
public sealed record ExpectedValue<T>(T Value) : IExpectation<T>
{
    /// <summary>True when <paramref name="observed"/> equals <see cref="Value"/>.</summary>
    public bool IsMetBy(T observed) => EqualityComparer<T>.Default.Equals(observed, Value);

    /// <summary>The observed value's own text.</summary>
    public string Show(T observed) => observed?.ToString() ?? "nothing";

    /// <summary>The expected value's own text.</summary>
    public override string ToString() => Value?.ToString() ?? "nothing";
}

namespace RstLab.Evidence;

/// <summary>Several expectations on the same evidence that must all hold, shown together: e.g. counters that move by different amounts.</summary>
/// <param name="Parts">The expectations, each shown in turn.</param>
public sealed record ExpectedAll<T>(IReadOnlyList<IExpectation<T>> Parts) : IExpectation<T>
{
    /// <summary>True when every part holds.</summary>
    public bool IsMetBy(T observed) => Parts.All(p => p.IsMetBy(observed));

    /// <summary>The observed value as each part writes it, without repeats.</summary>
    public string Show(T observed) => string.Join("; ", Parts.Select(p => p.Show(observed)).Distinct());

    /// <summary>The parts, one after another.</summary>
    public override string ToString() => string.Join("; ", Parts);
}

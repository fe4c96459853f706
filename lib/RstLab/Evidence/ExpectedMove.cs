using RstLab.Kernel;

namespace RstLab.Evidence;

/// <summary>Kernel counters that should move: by <paramref name="By"/> exactly in one of the lab's private namespaces and at least that much on the machine's shared stack; with no <paramref name="By"/>, at least once anywhere.</summary>
/// <param name="Counters">Short or full names, e.g. <c>OutRsts</c>.</param>
/// <param name="By">How much each should move; null: at least once.</param>
public sealed record ExpectedMove(IReadOnlyList<string> Counters, long? By) : IExpectation<CounterDelta>
{
    /// <summary>True when every counter moved as expected; where the experiment ran (<see cref="CounterDelta.Exact"/>) decides exact or at least.</summary>
    public bool IsMetBy(CounterDelta observed)
    {
        Guard.NotNull(observed);
        return Counters.All(c => By is not long by ? observed[c] >= 1 : observed.Exact ? observed[c] == by : observed[c] >= by);
    }

    /// <summary>The moves written the same way: <c>OutRsts +2</c>, and whether other traffic can add to them.</summary>
    public string Show(CounterDelta observed)
    {
        Guard.NotNull(observed);
        return string.Join(", ", Counters.Select(c => $"{c} +{observed[c]}")) + (observed.Exact ? " (private namespace: exact)" : " (shared stack: others add to it)");
    }

    /// <summary><c>OutRsts +1</c>, or <c>ListenOverflows +1 or more</c>.</summary>
    public override string ToString() => string.Join(", ", Counters.Select(c => By is long by ? $"{c} +{by}" : $"{c} +1 or more"));
}

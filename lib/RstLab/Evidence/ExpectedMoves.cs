using RstLab.Kernel;

namespace RstLab.Evidence;

/// <summary>Several counters, each with its own move (<c>OutRsts +1, EstabResets +2, TCPAbortOnClose +0</c>): exact in a private namespace, at least on the shared stack.</summary>
/// <param name="Moves">One expected move per counter.</param>
public sealed record ExpectedMoves(IReadOnlyList<ExpectedMove> Moves) : IExpectation<CounterDelta>
{
    /// <summary>True when every counter moved as its own expectation says.</summary>
    public bool IsMetBy(CounterDelta observed) => Moves.All(m => m.IsMetBy(Guard.NotNull(observed)));

    /// <summary>The observed moves of the same counters, and whether other traffic can add to them.</summary>
    public string Show(CounterDelta observed)
    {
        Guard.NotNull(observed);
        return string.Join(", ", Moves.SelectMany(m => m.Counters).Select(c => $"{c} +{observed[c]}"))
            + (observed.Exact ? " (private namespace: exact)" : " (shared stack: others add to it)");
    }

    /// <summary><c>OutRsts +1, EstabResets +2</c>.</summary>
    public override string ToString() => string.Join(", ", Moves);
}

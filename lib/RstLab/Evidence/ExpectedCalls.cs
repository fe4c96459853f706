using RstLab.Sockets;

namespace RstLab.Evidence;

/// <summary>A sequence of call results, as packetdrill scripts it: exactly these results, in this order (<c>= 5000, = 0, = -1 EPIPE</c>).</summary>
/// <param name="Results">The expected results, in call order.</param>
public sealed record ExpectedCalls(IReadOnlyList<ExpectedResult> Results) : IExpectation<IEnumerable<SocketOutcome>>
{
    /// <summary>True when there are as many calls as results and each call meets its own.</summary>
    public bool IsMetBy(IEnumerable<SocketOutcome> observed) => InOrder.Matches(Results, observed);

    /// <summary>The calls' results in the same notation, comma-separated.</summary>
    public string Show(IEnumerable<SocketOutcome> observed) =>
        Guard.NotNull(observed).Any() ? string.Join(", ", observed.Select(ExpectedResult.Text)) : "no call";

    /// <summary>The expected results, comma-separated.</summary>
    public override string ToString() => string.Join(", ", Results);
}

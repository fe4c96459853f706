namespace RstLab.Evidence;

/// <summary>Matching a whole sequence, packetdrill's way: as many observed items as expected ones, each meeting its own.</summary>
internal static class InOrder
{
    /// <summary>True when <paramref name="observed"/> has exactly one item per expectation and each meets the expectation in its position.</summary>
    public static bool Matches<T>(IReadOnlyList<IExpectation<T>> expected, IEnumerable<T> observed)
    {
        var items = Guard.NotNull(observed).ToList();
        return items.Count == expected.Count && items.Zip(expected).All(p => p.Second.IsMetBy(p.First));
    }
}

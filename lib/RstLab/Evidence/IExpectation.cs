namespace RstLab.Evidence;

/// <summary>An expected value the library matches against what a run observed, and prints beside it when they differ.</summary>
/// <typeparam name="T">What is observed: a packet table, a call's outcome, counter moves, socket-table rows.</typeparam>
public interface IExpectation<in T>
{
    /// <summary>True when <paramref name="observed"/> is what this expectation describes.</summary>
    bool IsMetBy(T observed);

    /// <summary>The observed value written the way this expectation is written, so the two lines compare like a test diff.</summary>
    string Show(T observed);
}

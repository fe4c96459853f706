using System.Text.RegularExpressions;

namespace RstLab.Cli.Testing;

/// <summary>Counts tests as they finish, from the lines <c>dotnet test --logger "console;verbosity=normal"</c> prints (<c>  Passed NAME [12 ms]</c>).</summary>
public sealed partial class TestProgress
{
    int _passed, _failed, _skipped;

    /// <summary>The counts so far.</summary>
    public TestCounts Counts => new(Volatile.Read(ref _passed), Volatile.Read(ref _failed), Volatile.Read(ref _skipped));

    /// <summary>Counts <paramref name="line"/> if it reports a finished test; returns what it reported (<c>Passed</c>, <c>Failed</c>, <c>Skipped</c>) or null.</summary>
    public string? Read(string line)
    {
        var match = Finished().Match(line);
        if (!match.Success)
            return null;
        var outcome = match.Groups[1].Value;
        Interlocked.Increment(ref outcome == "Passed" ? ref _passed : ref outcome == "Failed" ? ref _failed : ref _skipped);
        return outcome;
    }

    [GeneratedRegex(@"^\s+(Passed|Failed|Skipped) \S.*\[[^\]]+\]\s*$")]
    private static partial Regex Finished();
}

using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace RstLab.Cli.Testing;

/// <summary>A Visual Studio test results file (<c>.trx</c>) as <c>dotnet test --logger trx</c> writes it: each test's result, and the run's counters.</summary>
/// <param name="Results">Every test, in the file's order.</param>
/// <param name="CountedFailures">Failures by the file's own counters (failed, error, timeout, aborted).</param>
public sealed record TrxReport(IReadOnlyList<TestResult> Results, int CountedFailures)
{
    static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Passed, failed and skipped, from the results themselves: the counters' <c>notExecuted</c> stays 0 while skipped tests are
    /// <c>NotExecuted</c> results; a failure only the counters know of (a crashed test host) still counts.</summary>
    public TestCounts Counts => new(
        Results.Count(r => r.Passed),
        Math.Max(Results.Count(r => r.Failed), CountedFailures),
        Results.Count(r => r.Skipped));

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a TRX file.</exception>
    public static TrxReport Read(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"{path} is not a test results file ({e.Message}).", e);
        }
        if (document.Root?.Name != Ns + "TestRun")
            throw new InvalidDataException($"{path} is not a test results file (no TestRun element).");
        var results = document.Descendants(Ns + "UnitTestResult").Select(r => new TestResult(
            (string?)r.Attribute("testName") ?? "",
            (string?)r.Attribute("outcome") ?? "",
            TimeSpan.TryParse((string?)r.Attribute("duration"), CultureInfo.InvariantCulture, out var d) ? d : TimeSpan.Zero,
            Lines(r.Element(Ns + "Output")?.Element(Ns + "StdOut")?.Value),
            r.Element(Ns + "Output")?.Element(Ns + "ErrorInfo")?.Element(Ns + "Message")?.Value.Trim() ?? "")).ToList();
        var counters = document.Descendants(Ns + "Counters").FirstOrDefault();
        var counted = new[] { "failed", "error", "timeout", "aborted" }.Sum(name => (int?)counters?.Attribute(name) ?? 0);
        return new TrxReport(results, counted);
    }

    static IReadOnlyList<string> Lines(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
}

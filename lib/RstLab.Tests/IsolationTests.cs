using System.Text.RegularExpressions;

namespace RstLab.Tests;

/// <summary>Two runs of the same notebook at the same time (the worst case: the same experiments, the same recordings' names) do
/// not see each other's packets or counters: both pass every claim, and their captures watch different ports on lo or different namespaces.</summary>
[Collection("live")]
public sealed class IsolationTests
{
    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public async Task It_keeps_two_runs_of_a_notebook_at_the_same_time_apart(string name)
    {
        using var first = new TempFolder();
        using var second = new TempFolder();
        var runs = new[] { first.Path, second.Path }.Select(folder => Task.Run(() => Notebooks.Execute(name, folder))).ToArray();
        var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(10));

        var pages = results.Select(r => System.Net.WebUtility.HtmlDecode(NotebookRunTests.AssertCompleted(r))).ToList();
        Assert.All(pages, page => Assert.Contains("Live capture on ", page));
        var ports = pages.Select(LoopbackPorts).ToList();
        var namespaces = pages.Select(Namespaces).ToList();
        Assert.Empty(ports[0].Intersect(ports[1]));            // on this machine's lo, each run watched its own ports
        Assert.Empty(namespaces[0].Intersect(namespaces[1]));  // elsewhere, each its own namespaces
    }

    /// <summary>The ports named by the filters of live captures on this machine's lo.</summary>
    static HashSet<int> LoopbackPorts(string page) =>
        Regex.Matches(page, @"Live capture on lo, filter '([^']*)'")
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, @"port (\d+)").Select(p => int.Parse(p.Groups[1].Value)))
            .ToHashSet();

    /// <summary>The lab namespaces live captures ran in (a capture there sees only that namespace).</summary>
    static HashSet<string> Namespaces(string page) =>
        Regex.Matches(page, @"Live capture on \S+ in network namespace (rstlab-[\d-]+)").Select(m => m.Groups[1].Value).ToHashSet();
}

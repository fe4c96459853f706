using System.Text.RegularExpressions;

namespace RstLab.Tests;

/// <summary>Two runs of the same notebook at the same time (the worst case: the same experiments, the same recordings' names) do
/// not see each other's packets or counters: both pass every claim, and their loopback captures watch different ports.</summary>
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

        var pages = results.Select(NotebookRunTests.AssertCompleted).ToList();
        var ports = pages.Select(LoopbackPorts).ToList();
        Assert.All(ports, p => Assert.NotEmpty(p));
        Assert.Empty(ports[0].Intersect(ports[1]));
    }

    /// <summary>The ports named by the filters of live captures on this machine's lo (a capture in a lab namespace sees only that namespace).</summary>
    static HashSet<int> LoopbackPorts(string html) =>
        Regex.Matches(System.Net.WebUtility.HtmlDecode(html), @"Live capture on lo, filter '([^']*)'")
            .SelectMany(m => Regex.Matches(m.Groups[1].Value, @"port (\d+)").Select(p => int.Parse(p.Groups[1].Value)))
            .ToHashSet();
}

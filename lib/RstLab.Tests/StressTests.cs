using System.Diagnostics;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>Stress mode: each notebook headless many times in a row (<c>RSTLAB_STRESS_RUNS</c>, 3 unless set; <c>./lab bench</c> runs 20).
/// Every run must pass; the pass count and run times are printed.</summary>
[Collection("live")]
[Trait("Category", "Stress")]
public sealed class StressTests(ITestOutputHelper output)
{
    /// <summary>How many runs of each notebook.</summary>
    public const string RunsVariable = "RSTLAB_STRESS_RUNS";

    static int Runs => int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), out var n) && n > 0 ? n : 3;

    [Theory]
    [MemberData(nameof(Notebooks.All), MemberType = typeof(Notebooks))]
    public void It_passes_every_run_of_a_notebook_run_many_times_in_a_row(string name)
    {
        var failures = new List<string>();
        var times = new List<double>();
        for (var i = 1; i <= Runs; i++)
        {
            using var folder = new TempFolder();
            var clock = Stopwatch.StartNew();
            var run = Notebooks.Execute(name, folder.Path);
            times.Add(clock.Elapsed.TotalSeconds);
            try
            {
                NotebookRunTests.AssertCompleted(run);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                failures.Add($"run {i}: {e.Message}");
            }
        }
        times.Sort();
        output.WriteLine($"stress {Path.GetFileNameWithoutExtension(name)}: {Runs - failures.Count}/{Runs} runs passed; " +
            $"{times[0]:0.0} s min, {times[times.Count / 2]:0.0} s median, {times[^1]:0.0} s max a run (kernel start included)");
        failures.ForEach(output.WriteLine);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

using RstLab.Scenarios;
using RstLab.Tracing;
using Xunit.Abstractions;

namespace RstLab.Tests;

/// <summary>What tracing the kernel's reset reasons costs each experiment: every experiment of <see cref="ExperimentTimesBenchmark"/>, run
/// <c>RSTLAB_BENCH_RUNS</c> times with tracing and as many without (<c>RSTLAB_TRACE=0</c>), interleaved. It prints figures; it asserts only
/// that every run was live and that tracing ran exactly when it should, never a duration.</summary>
[Collection("live")]
[Trait("Category", "Benchmark")]
public sealed class TracingCostBenchmark(ITestOutputHelper output)
{
    [BenchmarkFact]
    public void It_reports_each_experiments_time_with_and_without_tracing()
    {
        var runs = BenchmarkFactAttribute.Runs!.Value;
        output.WriteLine($"each experiment {runs} times with tracing and {runs} without (ms: median with / median without / difference)");
        output.WriteLine($"{"notebook",-17} {"experiment",-52} {"traced",8} {"off",8} {"cost",8}");
        foreach (var experiment in ExperimentTimesBenchmark.Experiments().Where(e => !e.Name.Contains("sweep") && !e.Name.Contains("probe")))
        {
            var traced = ExperimentTimesBenchmark.Measure(experiment, runs);
            (ExperimentTimesBenchmark.Experiment Experiment, double Min, double Median, double Max, bool AllLive, string Outcomes) off;
            using (new EnvironmentVariable(ResetTrace.SwitchVariable, "0"))
                off = ExperimentTimesBenchmark.Measure(experiment, runs);
            output.WriteLine($"{experiment.Notebook,-17} {experiment.Name,-52} {traced.Median,8:0.0} {off.Median,8:0.0} {traced.Median - off.Median,8:+0.0;-0.0}");
            Assert.True(traced.AllLive && off.AllLive, $"{experiment.Name}: not every run was live");
        }
        using (new EnvironmentVariable(ResetTrace.SwitchVariable, "0"))
            Assert.NotNull(ResetTrace.Problem());
        Assert.Null(ResetTrace.Problem());
    }
}

namespace RstLab.Tests;

/// <summary>A benchmark that needs root and minutes: it runs only when <c>./lab bench</c> sets <c>RSTLAB_BENCH_RUNS</c> (runs per experiment), never with the suite.</summary>
public sealed class BenchmarkFactAttribute : FactAttribute
{
    public const string RunsVariable = "RSTLAB_BENCH_RUNS";

    public BenchmarkFactAttribute()
    {
        if (Runs is null)
            Skip = $"a benchmark: runs with ./lab bench (or {RunsVariable}=10 dotnet test --filter Category=Benchmark)";
        else if (!LiveFactAttribute.IsRootUser)
            Skip = "needs root (live capture, namespaces, injection)";
    }

    /// <summary>How many times each measured thing runs: <c>RSTLAB_BENCH_RUNS</c>, or null when unset.</summary>
    public static int? Runs =>
        int.TryParse(Environment.GetEnvironmentVariable(RunsVariable), out var runs) && runs > 0 ? runs : null;
}

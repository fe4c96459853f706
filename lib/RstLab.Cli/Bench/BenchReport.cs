using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RstLab.Cli.Course;
using RstLab.Cli.Testing;

namespace RstLab.Cli.Bench;

/// <summary>What <c>./lab bench</c> measured: the course run, the benchmarks' and the stress tests' results with what they printed, and the machine; as <c>bench.json</c> and <c>bench.md</c>.</summary>
/// <param name="Machine">Where it ran.</param>
/// <param name="Course">The course run (each notebook timed with its kernel's start).</param>
/// <param name="Runs">Runs per experiment (<c>RSTLAB_BENCH_RUNS</c>).</param>
/// <param name="Benchmarks">The benchmark tests' results, or null when none were written.</param>
/// <param name="Stress">Runs per notebook (<c>RSTLAB_STRESS_RUNS</c>).</param>
/// <param name="Stressed">The stress tests' results, or null when none were written.</param>
public sealed record BenchReport(Machine Machine, CourseRun Course, int Runs, IReadOnlyList<TestResult>? Benchmarks, int Stress, IReadOnlyList<TestResult>? Stressed)
{
    /// <summary>The start-up figures of the same run, or null when they were not measured.</summary>
    public StartUp? StartUp { get; init; }

    /// <summary>True when only the start-up figures and the course runs were asked for (<c>./lab bench --start-up</c>).</summary>
    public bool StartUpOnly { get; init; }

    /// <summary>The course run one notebook at a time in the same run, or null.</summary>
    public CourseRun? OneAtATime { get; init; }

    /// <summary>What issue 20 asks of the whole run: at most twice the notebooks' count times the empty notebook's floor.</summary>
    public const double Target = 2;

    /// <summary>A whole run's time over (notebooks × the empty notebook's floor); null without start-up figures.</summary>
    public double? Ratio(CourseRun run) => StartUp is { Floor.TotalSeconds: > 0 } s && run.Notebooks.Count > 0
        ? run.Time.TotalSeconds / (run.Notebooks.Count * s.Floor.TotalSeconds)
        : null;

    /// <summary>The figures as JSON (the keys of the earlier Python report).</summary>
    public string Json()
    {
        var json = new JsonObject
        {
            ["machine"] = JsonSerializer.SerializeToNode(Machine),
            ["course"] = new JsonObject
            {
                ["ms"] = (long)Course.Time.TotalMilliseconds,
                ["notebooks"] = new JsonArray(Course.Notebooks.Select(n => (JsonNode)new JsonObject
                {
                    ["notebook"] = n.Notebook, ["result"] = n.Result, ["checks"] = n.ChecksText, ["ms"] = (long)n.Time.TotalMilliseconds,
                }).ToArray()),
            },
            ["course one at a time"] = OneAtATime is null ? null : new JsonObject
            {
                ["ms"] = (long)OneAtATime.Time.TotalMilliseconds,
                ["notebooks ms"] = (long)OneAtATime.Notebooks.Sum(n => n.Time.TotalMilliseconds),
                ["ratio to notebooks x floor"] = Ratio(OneAtATime) is { } one ? Math.Round(one, 2, MidpointRounding.AwayFromZero) : null,
            },
            ["start-up"] = StartUp is null ? null : new JsonObject
            {
                ["empty notebook ms"] = Milliseconds(StartUp.EmptyNotebook), ["app cold ms"] = Milliseconds(StartUp.AppCold), ["app warm ms"] = Milliseconds(StartUp.AppWarm),
                ["floor ms"] = (long)StartUp.Floor.TotalMilliseconds,
                ["course jobs"] = Course.Jobs, ["course most at once"] = Course.MostAtOnce,
                ["ratio to notebooks x floor"] = Ratio(Course) is { } ratio ? Math.Round(ratio, 2, MidpointRounding.AwayFromZero) : null,
                ["target ratio"] = Target,
            },
            ["benchmarks"] = new JsonObject { ["runs per experiment"] = Runs, ["tests"] = Tests(Benchmarks) },
            ["stress"] = new JsonObject { ["runs per notebook"] = Stress, ["tests"] = Tests(Stressed) },
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The figures as Markdown: the machine, the course's table, then each benchmark and stress test with what it printed.</summary>
    public string Markdown(string logs)
    {
        var m = Machine;
        var md = new StringBuilder();
        md.AppendLine($"# Benchmarks, {m.Date}").AppendLine();
        md.AppendLine(F($"Machine: {m.Cores} cores ({m.Cpu}), {m.MemoryGiB} GiB, {m.Distro}, kernel {m.Kernel}, .NET SDK {m.DotnetSdk}, {m.Libpcap}; load average {m.LoadBefore} before, {m.LoadAfter} after.")).AppendLine();
        md.AppendLine("## The course, headless (as ./lab run: dotnet-repl, kernel start included)").AppendLine();
        md.AppendLine("| notebook | result | checks | time |").AppendLine("|---|---|---|---|");
        foreach (var n in Course.Notebooks)
            md.AppendLine(F($"| {n.Notebook} | {n.Result} | {n.ChecksText} | {n.Time.TotalSeconds:0.0} s |"));
        md.AppendLine(F($"| all notebooks | | | {Course.Notebooks.Sum(n => n.Time.TotalSeconds):0.0} s |"));
        md.AppendLine(F($"| the whole course, with pages and screenshots, {Course.AtOnce} | | | {Course.Time.TotalSeconds:0.0} s |")).AppendLine();
        if (StartUp is { } s)
            StartUpSection(md, s);
        if (StartUpOnly)
            return md.ToString();
        Section(md, $"Benchmarks (Category=Benchmark, RSTLAB_BENCH_RUNS={Runs})", Benchmarks, "no benchmark ran", logs);
        Section(md, $"Stress (Category=Stress, RSTLAB_STRESS_RUNS={Stress})", Stressed, "no test in category Stress here", logs);
        return md.ToString();
    }

    void StartUpSection(StringBuilder md, StartUp s)
    {
        var floor = s.Floor.TotalSeconds;
        string Times(IReadOnlyList<TimeSpan> times) => string.Join(" / ", times.Select(t => F($"{t.TotalSeconds:0.0}")));
        string Row(string what, IReadOnlyList<TimeSpan> times) =>
            F($"| {what} | {Times(times)} s | {StartUp.Median(times).TotalSeconds:0.0} s | {StartUp.Median(times).TotalSeconds / floor:0.00} |");
        md.AppendLine("## Start-up and the whole run, as ratios measured in this run").AppendLine();
        md.AppendLine("| | each run | median | × the empty notebook |").AppendLine("|---|---|---|---|");
        md.AppendLine(Row("an empty notebook (the course's first cell only), dotnet-repl, kernel start included", s.EmptyNotebook));
        md.AppendLine(Row("a file-based app that loads the library, cold (just changed: the SDK builds it)", s.AppCold));
        md.AppendLine(Row("the same app, warm (the SDK checks its build is current)", s.AppWarm));
        var n = Course.Notebooks.Count;
        if (OneAtATime is { } one)
            md.AppendLine(F($"| the whole course ({n} notebooks, pages, screenshots), one notebook at a time | | {one.Time.TotalSeconds:0.0} s | {one.Time.TotalSeconds / floor:0.0} = {Ratio(one):0.00} × {n} |"));
        md.AppendLine(F($"| the whole course as ./lab run runs it ({Course.AtOnce}) | | {Course.Time.TotalSeconds:0.0} s | {Course.Time.TotalSeconds / floor:0.0} = {Ratio(Course):0.00} × {n} |"));
        md.AppendLine(F($"| target: {Target} × {n} notebooks × the empty notebook | | {Target * n * floor:0.0} s | {Target * n:0} |")).AppendLine();
    }

    static JsonArray Milliseconds(IReadOnlyList<TimeSpan> times) => new(times.Select(t => (JsonNode)JsonValue.Create((long)t.TotalMilliseconds)).ToArray());

    static void Section(StringBuilder md, string title, IReadOnlyList<TestResult>? tests, string missing, string logs)
    {
        md.AppendLine($"## {title}").AppendLine();
        if (tests is null || tests.Count == 0)
        {
            md.AppendLine($"({missing}: see {logs})").AppendLine();
            return;
        }
        foreach (var t in tests)
        {
            md.AppendLine(F($"### {string.Join(".", t.Name.Split('.').TakeLast(2))}: {t.Outcome} ({t.Duration.TotalSeconds:0.0} s)")).AppendLine();
            if (t.Printed.Count > 0)
                md.AppendLine("```").AppendJoin('\n', t.Printed).AppendLine().AppendLine("```").AppendLine();
            if (t.Error.Length > 0)
                md.AppendLine("```").AppendLine(t.Error).AppendLine("```").AppendLine();
        }
    }

    static JsonNode? Tests(IReadOnlyList<TestResult>? tests) =>
        tests is null ? null : new JsonArray(tests.Select(t => (JsonNode)new JsonObject
        {
            ["test"] = t.Name, ["outcome"] = t.Outcome, ["seconds"] = Math.Round(t.Duration.TotalSeconds, 1),
            ["printed"] = new JsonArray(t.Printed.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()), ["error"] = t.Error,
        }).ToArray());

    static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using System.CommandLine;
using RstLab.Cli.Bench;
using RstLab.Cli.Course;
using RstLab.Cli.Testing;

namespace RstLab.Cli;

/// <summary><c>./lab bench</c>: measurements, not timed tests: the course headless, the benchmarks, the stress test; writes <c>out/bench/bench.md</c> and <c>bench.json</c>.</summary>
public static class BenchVerb
{
    /// <summary>The verb.</summary>
    public static Command Create(Repository repository, Terminal terminal)
    {
        var runs = Count("--runs", "RSTLAB_BENCH_RUNS", 10, "Runs of every experiment through the library (min, median, max).");
        var stress = Count("--stress", "RSTLAB_STRESS_RUNS", 20, "Runs of every notebook in a row in the stress test.");
        var startOnly = new Option<bool>("--start-up")
        {
            Description = "Only the start-up figures and the course's runs (minutes): not the benchmarks and the stress test (about an hour).",
        };
        var command = new Command("bench", "As root: runs ./lab setup --tests, then the course headless one notebook at a time and as ./lab run does (several at once), "
            + "an empty notebook and a file-based app's start, the tests in category Benchmark and the stress test; "
            + "prints a summary and writes out/bench/bench.md and bench.json with the machine they ran on.")
        {
            runs, stress, startOnly,
        };
        command.Does(terminal, async (parse, cancel) =>
        {
            if (!Setup.IsRoot)
            {
                terminal.Problem("The benchmarks capture, inject segments and create namespaces: run as root (sudo ./lab bench).");
                return 1;
            }
            if (await new Setup(repository).RunAsync(tests: true, cancel) is not 0 and var failed)
                return failed;
            var machine = Machine.Now();
            terminal.Stage("the course, one notebook at a time");
            var oneAtATime = await new CourseRunner(repository, terminal) { Jobs = 1, MoreWhileIdle = false }.RunAsync(repository.Course(), new Dictionary<string, string>(), pages: true, cancel);
            terminal.Stage("the course as ./lab run runs it");
            var course = await new CourseRunner(repository, terminal).RunAsync(repository.Course(), new Dictionary<string, string>(), pages: true, cancel);
            RunVerb.Report(terminal, course, repository);
            var folder = Directory.CreateDirectory(Path.Combine(repository.Out, "bench")).FullName;
            terminal.Stage("start-up: an empty notebook through the kernel, a file-based app cold and warm, 3 times each");
            var startUp = await new StartUpBench(repository).MeasureAsync(3, cancel);
            var (benchRuns, stressRuns) = (parse.GetValue(runs), parse.GetValue(stress));
            if (parse.GetValue(startOnly))
            {
                var figures = new BenchReport(machine with { LoadAfter = Machine.LoadAverage() }, course, benchRuns, null, stressRuns, null) { StartUp = startUp, OneAtATime = oneAtATime, StartUpOnly = true };
                return await WrittenAsync(terminal, folder, figures, course.Passed && oneAtATime.Passed);
            }
            terminal.Stage($"benchmarks: each experiment {benchRuns} times, the capture burst, tcpdump beside the capture");
            var benchmarks = await Tests(terminal, repository, folder, "benchmarks", "Category=Benchmark", ("RSTLAB_BENCH_RUNS", benchRuns), build: true, cancel);
            terminal.Stage($"stress: each notebook {stressRuns} times in a row");
            var stressed = await Tests(terminal, repository, folder, "stress", "Category=Stress", ("RSTLAB_STRESS_RUNS", stressRuns), build: false, cancel);
            var report = new BenchReport(machine with { LoadAfter = Machine.LoadAverage() }, course, benchRuns, benchmarks.Results, stressRuns, stressed.Results)
                { StartUp = startUp, OneAtATime = oneAtATime };
            return await WrittenAsync(terminal, folder, report, course.Passed && oneAtATime.Passed && benchmarks.Passed && stressed.Passed);
        });
        return command;
    }

    static async Task<int> WrittenAsync(Terminal terminal, string folder, BenchReport report, bool passed)
    {
        var markdown = report.Markdown(Path.Combine(folder, "*.log"));
        File.WriteAllText(Path.Combine(folder, "bench.json"), report.Json() + "\n");
        File.WriteAllText(Path.Combine(folder, "bench.md"), markdown);
        terminal.Line(markdown);
        terminal.Line($"figures: {folder}/bench.md and bench.json (logs: {folder}/*.log)");
        await Setup.GiveBackAsync(Path.GetDirectoryName(folder)!);
        return passed ? 0 : 1;
    }

    /// <summary>Runs one category of tests into <c>NAME.trx</c> and <c>NAME.log</c>, showing counts as they finish.</summary>
    static async Task<(IReadOnlyList<TestResult>? Results, bool Passed)> Tests(Terminal terminal, Repository repository, string folder, string name, string filter,
        (string Name, int Value) variable, bool build, CancellationToken cancel)
    {
        List<string> arguments = [Path.Combine(repository.Root, "lib", "RstLab.Tests"), "-nologo", "--filter", filter, "--logger", "console;verbosity=detailed",
            "--logger", $"trx;LogFileName={name}.trx", "--results-directory", folder];
        if (!build)
            arguments.Add("--no-build");
        await using var log = new StreamWriter(Path.Combine(folder, name + ".log"));
        var environment = new Dictionary<string, string> { [variable.Name] = variable.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var (exit, seen) = await new TestRunner(terminal).RunAsync(arguments, environment, log, echo: false, cancel);
        terminal.Line($"   {name}: {seen}");
        var trx = Path.Combine(folder, name + ".trx");
        var results = File.Exists(trx) ? TrxReport.Read(trx) : null;
        return (results?.Results, exit.Succeeded && results is { Counts.Failed: 0 });
    }

    static Option<int> Count(string name, string variable, int fallback, string description)
    {
        var option = new Option<int>(name)
        {
            Description = $"{description} Default: ${variable}, else {fallback}.",
            HelpName = "n",
            DefaultValueFactory = _ => int.TryParse(Environment.GetEnvironmentVariable(variable), out var set) && set > 0 ? set : fallback,
        };
        option.Validators.Add(result =>
        {
            // A value that is no number at all is System.CommandLine's own error.
            if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var value) && value < 1)
                result.AddError($"{name} must be at least 1.");
        });
        return option;
    }
}

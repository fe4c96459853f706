using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace RstLab.Cli.Course;

/// <summary>Runs notebooks of the course headless into <c>out/</c>, showing each one's cells done of total, elapsed time and its last run's time.</summary>
/// <param name="repository">The repository whose course runs.</param>
/// <param name="terminal">Where progress goes: redrawn in place on a terminal, one line per step in a log.</param>
public sealed class CourseRunner(Repository repository, Terminal terminal)
{
    /// <summary>What executes the notebooks: dotnet-repl unless set.</summary>
    public NotebookHost Host { get; init; } = NotebookHost.Repl;

    /// <summary>How many notebooks always may run at once: <see cref="DefaultJobs"/> unless set.</summary>
    public int Jobs { get; init; } = DefaultJobs;

    /// <summary>Whether one more notebook starts whenever half a core stood idle for a second (<see cref="NotebookSlots"/>); true unless set.</summary>
    public bool MoreWhileIdle { get; init; } = true;

    /// <summary>The machine's cores plus one: a notebook often waits on a timer of the network's (on 2 cores, 2 at once is a third slower than 3).</summary>
    public static int DefaultJobs => Environment.ProcessorCount + 1;

    /// <summary>Runs <paramref name="notebooks"/> (course names) into a fresh <c>out/</c>; with <paramref name="pages"/>, exports each page and its screenshot and writes
    /// <c>out/index.html</c>; <paramref name="environment"/> is added to each kernel's. The run is saved as <c>out/course.json</c>.
    /// With <paramref name="solutions"/>, a notebook that has reference solutions (<c>notebooks/solutions/NAME.md</c>) runs with them in place of the learner's cells.
    /// The exercises' marks go to <c>out/progress.json</c>, not the learner's progress file.</summary>
    public async Task<CourseRun> RunAsync(IReadOnlyList<string> notebooks, IReadOnlyDictionary<string, string> environment, bool pages, CancellationToken cancel, bool solutions = false)
    {
        var output = repository.Out;
        var previous = CourseRun.Load(output)?.Notebooks.ToDictionary(n => n.Notebook, n => n.Time) ?? [];
        if (Directory.Exists(output))
            Directory.Delete(output, recursive: true);
        var summaries = Directory.CreateDirectory(Path.Combine(output, "summary")).FullName;
        var kernel = new Dictionary<string, string>(environment)
        {
            [RstLab.Evidence.Checks.SummaryVariable] = summaries,
            [RstLab.Exercises.Progress.Variable] = Path.Combine(output, "progress.json"),
        };
        var answered = Path.Combine(repository.Notebooks, ".solutions");
        var runner = new NotebookRunner(repository, output) { Host = Host };
        using var export = new PageExport(repository);   // after the pipeline that uses it
        var clock = Stopwatch.StartNew();
        // A page is made while the next notebooks run.
        using var notebookSlots = new NotebookSlots(Jobs, MoreWhileIdle ? new IdleCores().Read : null);
        await using var pipeline = new PagePipeline(export, terminal.Line, cancel);   // ends the browser however the run ends

        // The longest first, so that it does not start last: its last run's time, else its number of cells. The longest, one a core, decide
        // when the run ends: the others run at a lower CPU priority and take what those leave.
        var longestFirst = notebooks.OrderByDescending(n => previous.TryGetValue(n, out var time) ? time.TotalSeconds : NotebookFile.RunCells(repository.Notebook(n)) / 4.0).ToList();
        var yielding = longestFirst.Skip(Environment.ProcessorCount).ToHashSet();

        // started: when its kernel starts (it may wait for a slot first); show: cells done (-1: a page step) and what is being done.
        async Task<CourseRow> Run(string name, Action started, Action<int, string> show)
        {
            var solution = Path.Combine(repository.Notebooks, RstLab.Exercises.SolutionFile.Folder, name + ".md");
            string? source = null;
            if (solutions && File.Exists(solution))
            {
                // A copy inside notebooks/ runs from notebooks/, as the first cell's #r needs.
                RstLab.Exercises.SolutionFile.Apply(repository.Notebook(name), solution, Path.Combine(answered, name + ".ipynb"));
                source = Path.Combine(".solutions", name + ".ipynb");
            }
            ChildExit exit;
            using (await notebookSlots.EnterAsync(cancel))
            {
                started();
                exit = await runner.RunAsync(name, kernel, done => show(done, "running"), cancel, source, yielding.Contains(name));
            }
            var executed = Path.Combine(output, name + ".ipynb");
            var (page, screenshot) = pages && File.Exists(executed)
                ? await pipeline.Add(executed, doing => show(-1, doing))
                : new PageResult(false, false);
            var checks = CheckSummary.Read(Path.Combine(summaries, name + ".summary.json"));
            return new CourseRow(name, NotebookFile.Title(repository.Notebook(name)), CourseRow.OutcomeOf(exit, checks), checks, exit.Elapsed, page, screenshot);
        }

        string Last(string name) => previous.TryGetValue(name, out var time) ? $"last run {Math.Round(time.TotalSeconds):0} s" : "no earlier run";
        CourseRow[] rows;

        if (terminal.Live)
        {
            rows = await terminal.Console.Progress().AutoClear(false).HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var tasks = notebooks.ToDictionary(n => n, n => context.AddTask(Markup.Escape($"{n}  waiting ({Last(n)})"), autoStart: false,
                        maxValue: Math.Max(1, NotebookFile.RunCells(repository.Notebook(n)))));
                    async Task<CourseRow> Shown(string name)
                    {
                        var task = tasks[name];
                        var total = (int)task.MaxValue;
                        var row = await Run(name, task.StartTask, (done, doing) =>
                        {
                            if (done >= 0)
                                task.Value = Math.Min(done, total);
                            task.Description = Markup.Escape($"{name}  {doing}: {Math.Min((int)task.Value, total)}/{total} cells ({Last(name)})");
                        });
                        task.Value = total;
                        var colour = row.Outcome == NotebookOutcome.Passed ? "green" : "red";
                        task.Description = $"{Markup.Escape(name)}  [{colour}]{Markup.Escape(row.Result)}[/] {row.ChecksText} checks, {row.Seconds} ({Markup.Escape(Last(name))})";
                        task.StopTask();
                        return row;
                    }
                    return await Task.WhenAll(longestFirst.Select(Shown));
                });
        }
        else
        {
            async Task<CourseRow> Logged(string name)
            {
                var total = NotebookFile.RunCells(repository.Notebook(name));
                var started = Stopwatch.StartNew();
                var row = await Run(name, () =>
                {
                    terminal.Stage($"running {name} ({total} cells, {Last(name)})");
                    started.Restart();
                }, (done, doing) => terminal.Line(done >= 0
                    ? string.Create(CultureInfo.InvariantCulture, $"   {name}: {done}/{total} cells, {started.Elapsed.TotalSeconds:0.0} s")
                    : $"   {name}: {doing}"));
                terminal.Line($"   {name}: {row.Result}, {row.ChecksText} checks, {row.Seconds}");
                return row;
            }
            rows = await Task.WhenAll(longestFirst.Select(Logged));
        }
        if (Directory.Exists(answered))
            Directory.Delete(answered, recursive: true);
        var inOrder = notebooks.Select(n => rows.Single(r => r.Notebook == n)).ToList();
        var run = new CourseRun(DateTimeOffset.UtcNow, inOrder, clock.Elapsed) { Jobs = Jobs, MostAtOnce = notebookSlots.MostAtOnce };
        run.Save(output);
        if (pages)
            IndexPage.Write(run, output, RstLab.Exercises.Progress.PerNotebook(Path.Combine(repository.Root, "progress.json")));
        return run;
    }
}

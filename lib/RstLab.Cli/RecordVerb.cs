using System.CommandLine;
using RstLab.Capture;
using RstLab.Cli.Course;
using RstLab.Cli.Recording;
using Spectre.Console;

namespace RstLab.Cli;

/// <summary><c>./lab record</c>: records the reference captures again beside the committed ones, shows what changed, and replaces them only when asked.</summary>
public static class RecordVerb
{
    /// <summary>Where new recordings go: beside the committed ones, in <c>data/new/</c> (git-ignored).</summary>
    public const string Staging = "new";

    /// <summary>The verb.</summary>
    public static Command Create(Repository repository, Terminal terminal)
    {
        var notebooks = Verb.Notebooks(repository, "record");
        var replace = new Option<bool>("--replace")
        {
            Description = "Replace the committed recordings in data/ with the new ones (each NAME.pcap with its NAME.json and sidecars), once every notebook passed.",
        };
        var exercises = new Option<bool>("--exercises")
        {
            Description = "Record the diagnosis exercises' captures (data/exercises/) instead of the notebooks' ones: their experiments run here, not in a notebook.",
        };
        var command = new Command("record", $"As root: runs ./lab setup, then each notebook headless with live capture, saving every capture it opens into data/{Staging}/; shows per recording "
            + "the packets and each connection's flags against data/, which changes only with --replace.")
        {
            notebooks, replace, exercises,
        };
        command.Does(terminal, async (parse, cancel) =>
        {
            if (!Setup.IsRoot)
            {
                terminal.Problem("Recording needs live capture and namespaces: run as root (sudo ./lab record).");
                return 1;
            }
            var selected = CourseSelection.Resolve(repository.Course(), parse.GetValue(notebooks)).Notebooks;
            if (await new Setup(repository).RunAsync(tests: false, cancel) is not 0 and var failed)
                return failed;
            var staged = Path.Combine(repository.Data, Staging);
            if (Directory.Exists(staged))
                Directory.Delete(staged, recursive: true);
            Directory.CreateDirectory(staged);
            if (parse.GetValue(exercises))
                return RecordExercises(terminal, staged, repository.Data, parse.GetValue(replace));
            var environment = new Dictionary<string, string> { [Recordings.RecordVariable] = staged };
            var run = await new CourseRunner(repository, terminal).RunAsync(selected, environment, pages: false, cancel);
            // A change exercise's live run is the learner's check, not a recording: only --exercises records exercises/.
            var exercisesRun = Path.Combine(staged, "exercises");
            if (Directory.Exists(exercisesRun))
                Directory.Delete(exercisesRun, recursive: true);
            var changes = RecordingFiles.Names(staged).Select(n => RecordingChange.Compare(staged, repository.Data, n)).ToList();
            terminal.Write(Table(changes, terminal.Live));
            var notPassed = run.Notebooks.Where(n => n.Outcome != NotebookOutcome.Passed).Select(n => $"{n.Notebook} did not pass").ToList();
            var code = Conclude(terminal, notPassed, changes, staged, repository.Data, parse.GetValue(replace), "sudo ./lab record --replace");
            await Setup.GiveBackAsync(repository.Data, repository.Out);
            return code;
        });
        return command;
    }

    /// <summary>Runs the diagnosis exercises' experiments in this process, saving into <paramref name="staged"/>; replaces data/exercises/ when asked and all ran live.</summary>
    static int RecordExercises(Terminal terminal, string staged, string data, bool replace)
    {
        Environment.SetEnvironmentVariable(Recordings.RecordVariable, staged);
        var runs = RstLab.Exercises.ExerciseRecordings.RunAll();
        var changes = RecordingFiles.Names(staged).Select(n => RecordingChange.Compare(staged, data, n)).ToList();
        terminal.Write(Table(changes, terminal.Live));
        var failed = runs.Where(r => !r.IsLive || r.Client.Any(c => c.AsExpected == false))
            .Select(r => $"{r.Name} ({r.WhyNotLive ?? "a call did not return what it should"})").ToList();
        return Conclude(terminal, failed, changes, staged, data, replace, "sudo ./lab record --exercises --replace");
    }

    /// <summary>Replaces the recordings when asked and nothing <paramref name="failed"/> (notebooks or experiments, each with why); says where the new ones are otherwise.</summary>
    static int Conclude(Terminal terminal, IReadOnlyList<string> failed, IReadOnlyList<RecordingChange> changes, string staged, string data, bool replace, string again)
    {
        if (failed.Count > 0)
        {
            terminal.Problem($"{string.Join(", ", failed)}: nothing in data/ changed; what was recorded is in {staged}.");
            return 1;
        }
        if (changes.Count == 0)
        {
            terminal.Problem("No notebook saved a recording: nothing in data/ changed.");
            return 1;
        }
        if (!replace)
        {
            terminal.Line($"Nothing in data/ changed. The new recordings are in {staged}/; to replace the committed ones, record with --replace ({again}).");
            return 0;
        }
        foreach (var change in changes)
            RecordingFiles.Replace(staged, data, change.Name);
        Directory.Delete(staged, recursive: true);
        terminal.Line($"Replaced {changes.Count} recordings in data/ (git diff --stat data/ shows them).");
        return 0;
    }

    /// <summary>One row per recording: packets before and after, and each changed connection's flags.</summary>
    public static Table Table(IEnumerable<RecordingChange> changes, bool border)
    {
        var table = Tables.Create(border, "recording", "packets", "connections", "changed: committed flags", "new flags");
        foreach (var change in changes)
        {
            var changed = change.Changed.ToList();
            var packets = change.OldPackets is { } old ? $"{old} → {change.NewPackets}" : $"new: {change.NewPackets}";
            table.AddRow(Markup.Escape(change.Name), packets, Markup.Escape(change.Summary),
                Markup.Escape(string.Join("\n", changed.Select(c => $"#{c.Number} {c.Old ?? "(none)"}"))),
                Markup.Escape(string.Join("\n", changed.Select(c => $"#{c.Number} {c.New ?? "(none)"}"))));
        }
        return table;
    }
}

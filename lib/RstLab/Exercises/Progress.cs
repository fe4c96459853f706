using System.Text.Json;

namespace RstLab.Exercises;

/// <summary>The learner's progress file: <c>progress.json</c> at the repository's top (git-ignored), or <c>RSTLAB_PROGRESS</c>; one entry per exercise tried.</summary>
public static class Progress
{
    /// <summary>Set to a file to keep progress there instead (<c>./lab run</c> and the tests do, so their runs are not the learner's).</summary>
    public const string Variable = "RSTLAB_PROGRESS";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The progress file in use.</summary>
    public static string FilePath => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set
        ? set
        : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Capture.Recordings.Folder))!, "progress.json");

    /// <summary>Every entry in the progress file <paramref name="file"/> (default <see cref="FilePath"/>), which need not exist yet; empty when there is none or it is unreadable.</summary>
    public static IReadOnlyDictionary<string, ProgressEntry> Load(string? file = null)
    {
        var path = file ?? FilePath;
        try
        {
            return File.Exists(path)
                ? (JsonSerializer.Deserialize<List<ProgressEntry>>(File.ReadAllText(path), Json) ?? []).ToDictionary(e => e.Id)
                : new Dictionary<string, ProgressEntry>();
        }
        catch (JsonException)
        {
            // A damaged file is the learner's notes, not a reason to stop the course: start afresh, and the next save replaces it.
            return new Dictionary<string, ProgressEntry>();
        }
    }

    /// <summary>The entry of exercise <paramref name="id"/>, new when it was never tried.</summary>
    public static ProgressEntry Of(string id) => Load().GetValueOrDefault(Guard.NotBlank(id)) ?? new ProgressEntry(id);

    /// <summary>Replaces the entry of its exercise in the file (written whole, then renamed into place); returns why it could not, or null.</summary>
    public static string? Save(ProgressEntry entry)
    {
        Guard.NotNull(entry);
        var path = FilePath;
        var temporary = path + "." + Environment.ProcessId;
        try
        {
            // Two kernels (two notebooks open, or ./lab run's at once) must not each write back what the other has not seen.
            using var held = Hold(path + ".lock");
            var entries = Load(path).Values.Where(e => e.Id != entry.Id).Append(entry).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            File.WriteAllText(temporary, JsonSerializer.Serialize(entries, Json) + "\n");
            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The feedback matters more than the record: say why it was not kept, and go on.
            return $"Your progress could not be saved in {path} ({e.Message}); set {Variable} to a file you can write.";
        }
    }

    // An exclusive open is a flock(2) on Linux; the file stays, so every waiter locks the same inode.
    static FileStream Hold(string lockFile)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            try
            {
                return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(lockFile))
            {
                Thread.Sleep(20);
            }
        }
    }

    /// <summary>Per notebook with exercises: how many there are and how many are solved, from the progress file <paramref name="file"/> (default <see cref="FilePath"/>).</summary>
    public static IReadOnlyList<NotebookProgress> PerNotebook(string? file = null)
    {
        var entries = Load(file);
        return ExerciseCatalog.All.GroupBy(e => e.Notebook)
            .Select(g => new NotebookProgress(g.Key, g.Count(), g.Count(e => entries.GetValueOrDefault(e.Id)?.Solved == true),
                g.Count(e => entries.GetValueOrDefault(e.Id)?.PredictionRight == true), g.Count(e => e.Kind == ExerciseKind.Predict)))
            .ToList();
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace RstLab.Cli.Course;

/// <summary>A headless run of the course: every notebook's row and the whole run's time; saved as <c>out/course.json</c>.</summary>
/// <param name="Finished">When the run ended.</param>
/// <param name="Notebooks">The notebooks in course order.</param>
/// <param name="Time">The whole run, pages and screenshots included.</param>
public sealed record CourseRun(DateTimeOffset Finished, IReadOnlyList<CourseRow> Notebooks, TimeSpan Time)
{
    /// <summary>The file a run is saved in, inside <c>out/</c>.</summary>
    public const string FileName = "course.json";

    /// <summary>How many notebooks always could run at once.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>The most notebooks that ran at once: more than <see cref="Jobs"/> when others started while cores stood idle.</summary>
    public int MostAtOnce { get; init; }

    /// <summary>How the notebooks shared the machine, e.g. "3 at once" or "3 at once, up to 5 while cores stood idle".</summary>
    public string AtOnce => MostAtOnce > Jobs ? $"{Jobs} at once, up to {MostAtOnce} while cores stood idle" : $"{Jobs} at once";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>True when every notebook passed.</summary>
    public bool Passed => Notebooks.Count > 0 && Notebooks.All(n => n.Outcome == NotebookOutcome.Passed);

    /// <summary>Writes the run into <paramref name="folder"/>.</summary>
    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The run saved in <paramref name="folder"/>, or null when there is none or it cannot be read.</summary>
    public static CourseRun? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CourseRun>(File.ReadAllText(path), Json) : null;
        }
        catch (JsonException)
        {
            return null;   // an old or damaged run only loses the "last run" times
        }
    }
}

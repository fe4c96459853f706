using System.Text.Json;
using System.Text.Json.Serialization;
using RstLab.Capture;

namespace RstLab.Diagnosis;

/// <summary>What a recording's notebook says about it (<c>data/diagnose/labels.json</c>): the true cause of each of its resets, in file order.</summary>
/// <param name="File">The capture, relative to <c>data/</c>, e.g. <c>01-refused.pcap</c> or <c>diagnose/nat-expiry.pcap</c>.</param>
/// <param name="Notebook">The notebook (or scenario) whose text labels it.</param>
/// <param name="Says">That text.</param>
/// <param name="Causes">The true cause of each reset, in file order.</param>
public sealed record RecordingLabel(string File, string Notebook, string Says, IReadOnlyList<ResetCause> Causes)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };

    sealed record Entry(string Notebook, string Says, ResetCause[] Causes);

    /// <summary>The recording's name for <see cref="Recordings.Load"/>: the file without <c>.pcap</c>.</summary>
    public string Recording => File[..^".pcap".Length];

    /// <summary>The captures under <paramref name="folder"/> (default: <see cref="Recordings.Folder"/>) that <c>labels.json</c> does not label, relative to it;
    /// not <c>exercises/</c>, whose answers are the diagnosis exercises' (<see cref="Exercises.Exercise.Truth"/>): a label would show them in 05.</summary>
    public static IReadOnlyList<string> Unlabelled(string? folder = null)
    {
        var data = Folder(folder);
        var labelled = All(data).Select(l => l.File).ToHashSet();
        return Directory.GetFiles(data, "*.pcap", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(data, p))
            .Where(f => !labelled.Contains(f) && !f.StartsWith("exercises/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every label in <c>labels.json</c> of <paramref name="folder"/> (default: <see cref="Recordings.Folder"/>), ordered by file.</summary>
    public static IReadOnlyList<RecordingLabel> All(string? folder = null)
    {
        var data = Folder(folder);
        var path = Path.Combine(data, "diagnose", "labels.json");
        if (!System.IO.File.Exists(path))
            throw Guard.Fail(nameof(folder), $"{data} has no diagnose/labels.json; pass the repository's data/ folder, or restore it with: git checkout -- data/diagnose/labels.json");
        var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(System.IO.File.ReadAllText(path), Json)
            ?? throw new LabArgumentException($"{path} is empty; restore it with: git checkout -- data/diagnose/labels.json", nameof(folder));
        return entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new RecordingLabel(e.Key, e.Value.Notebook, e.Value.Says, e.Value.Causes)).ToList();
    }

    /// <summary>The recordings folder: <paramref name="folder"/>, which must exist, or <see cref="Recordings.Folder"/>.</summary>
    internal static string Folder(string? folder, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(folder))] string name = "") =>
        folder is null ? Recordings.Folder : Guard.ExistingFolder(folder, "recordings folder (data/)", name);
}

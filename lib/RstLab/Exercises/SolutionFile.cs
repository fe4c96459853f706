using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RstLab.Exercises;

/// <summary>A file of replacement cells (<c>notebooks/solutions/NAME.md</c>): a <c>## Exercise NN.k (cell ID)</c> heading, then a <c>csharp</c> block
/// that replaces the notebook's cell with that id; how <c>./lab run --solutions</c> and the tests answer the exercises.</summary>
public static partial class SolutionFile
{
    /// <summary>The folder of the reference solutions, beside the notebooks: <c>notebooks/solutions/</c>.</summary>
    public const string Folder = "solutions";

    /// <summary>The replacement source of each cell, by cell id; a clear message when the file is missing or has no cell.</summary>
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        Guard.ExistingFile(path, "solution file");
        var cells = Cell().Matches(File.ReadAllText(path)).ToDictionary(m => m.Groups["id"].Value, m => m.Groups["code"].Value.TrimEnd('\n'));
        return cells.Count > 0 ? cells
            : throw new LabArgumentException($"{path} has no '## Exercise NN.k (cell ID)' heading followed by a ```csharp block.", nameof(path));
    }

    /// <summary>Writes a copy of the notebook <paramref name="notebook"/> to <paramref name="copy"/> with the cells of <paramref name="solutions"/> in place of
    /// the learner's, outputs cleared; every solution must find its cell.</summary>
    public static void Apply(string notebook, string solutions, string copy)
    {
        Guard.NotBlank(notebook);
        Guard.NotBlank(solutions);
        Guard.NotBlank(copy);
        Guard.ExistingFile(notebook, "notebook");
        var replacements = Read(solutions);
        var document = JsonNode.Parse(File.ReadAllText(notebook))!;
        var found = document["cells"]!.AsArray().Select(c => Answer(c!, replacements)).OfType<string>().ToHashSet();
        if (replacements.Keys.Except(found).ToList() is { Count: > 0 } missing)
            throw new LabArgumentException($"{solutions} replaces cells {string.Join(", ", missing)}, which {notebook} does not have.", nameof(solutions));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(copy))!);
        // Unescaped, so the copy reads like the notebook it came from (a learner may open it).
        File.WriteAllText(copy, document.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    /// <summary>Puts the replacement for <paramref name="cell"/>'s id in its place, outputs cleared; returns the id when it had one, else null.</summary>
    public static string? Answer(JsonNode cell, IReadOnlyDictionary<string, string> replacements)
    {
        Guard.NotNull(replacements);
        Guard.NotNull(cell);
        if ((string?)cell["id"] is not { } id || !replacements.TryGetValue(id, out var source))
            return null;
        var lines = source.Split('\n');
        cell["source"] = new JsonArray(lines.Select((l, i) => (JsonNode)JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l)).ToArray());
        cell["outputs"] = new JsonArray();
        return id;
    }

    [GeneratedRegex(@"^## Exercise \S+ \(cell (?<id>[0-9a-f]+)\)\s*$.*?^```csharp\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Cell();
}

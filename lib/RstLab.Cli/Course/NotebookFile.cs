using System.Text.Json.Nodes;

namespace RstLab.Cli.Course;

/// <summary>What the lab command reads from a notebook file: its title and how many cells a headless run submits.</summary>
public static class NotebookFile
{
    /// <summary>The first markdown heading (<c># ...</c>) without the <c>#</c> and backquotes, or empty.</summary>
    public static string Title(string path)
    {
        foreach (var cell in Cells(path).Where(c => (string?)c["cell_type"] == "markdown"))
            foreach (var line in Source(cell).Split('\n'))
                if (line.StartsWith("# ", StringComparison.Ordinal))
                    return line[2..].Trim().Replace("`", "");
        return "";
    }

    /// <summary>The cells dotnet-repl submits one by one: code, and markdown (to its markdown kernel).</summary>
    public static int RunCells(string path) => Cells(path).Count(c => (string?)c["cell_type"] is "code" or "markdown");

    /// <summary>Each cell's type (<c>code</c>, <c>markdown</c>, <c>raw</c>) and source text, in order.</summary>
    public static IReadOnlyList<(string Type, string Source)> Sources(string path) =>
        Cells(path).Select(c => ((string?)c["cell_type"] ?? "", Source(c))).ToList();

    static IEnumerable<JsonNode> Cells(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?["cells"]?.AsArray().OfType<JsonNode>() ?? [];
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path} is not a notebook ({e.Message}): restore it with git checkout -- {Path.GetFileName(path)}.", e);
        }
    }

    static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };
}

using System.Text.Json;

namespace RstLab.Cli.Course;

/// <summary>What a notebook's check cell reported (<c>NAME.summary.json</c>, written by <c>Checks.Assert</c> under <c>RSTLAB_SUMMARY</c>).</summary>
/// <param name="Passed">Claims that held.</param>
/// <param name="Failed">Claims that did not.</param>
/// <param name="Facts">Facts for the summary, e.g. <c>RST seen</c> and <c>errno</c>.</param>
public sealed record CheckSummary(int Passed, int Failed, IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>Every claim checked.</summary>
    public int Total => Passed + Failed;

    /// <summary>The summary in <paramref name="path"/>, or null when the notebook never reached its check cell (no file).</summary>
    /// <exception cref="InvalidDataException">The file is not a check summary.</exception>
    public static CheckSummary? Read(string path)
    {
        if (!File.Exists(path))
            return null;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var facts = root.TryGetProperty("facts", out var f) && f.ValueKind == JsonValueKind.Object
                ? f.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
                : [];
            return new CheckSummary(root.GetProperty("passed").GetInt32(), root.GetProperty("failed").GetInt32(), facts);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"{path} is not a check summary ({e.Message}): delete it and run the notebook again.", e);
        }
    }
}

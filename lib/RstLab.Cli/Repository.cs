namespace RstLab.Cli;

/// <summary>The repository the lab command works in: its notebooks, recordings, pages and the entry script <c>./lab</c>.</summary>
/// <param name="Root">The folder holding <c>lab</c> and <c>notebooks/</c>.</param>
public sealed record Repository(string Root)
{
    /// <summary>The environment variable naming the dotnet program notebooks run under (set by <c>./lab setup</c>); <c>dotnet</c> when unset.</summary>
    public const string DotnetVariable = "RSTLAB_DOTNET";

    /// <summary>The course's notebooks.</summary>
    public string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The committed reference captures.</summary>
    public string Data => Path.Combine(Root, "data");

    /// <summary>What runs write: executed notebooks, pages, test results (git-ignored).</summary>
    public string Out => Path.Combine(Root, "out");

    /// <summary>The entry script, whose <c>setup</c> stays in bash.</summary>
    public string Script => Path.Combine(Root, "lab");

    /// <summary>The folder holding the page template <c>page/</c> for nbconvert, and its exporter <c>page/export.py</c>.</summary>
    public string Templates => Path.Combine(Root, "lib");

    /// <summary>The dotnet program that runs notebooks: <c>RSTLAB_DOTNET</c>, else <c>dotnet</c>.</summary>
    public string Dotnet { get; init; } =
        Environment.GetEnvironmentVariable(DotnetVariable) is { Length: > 0 } dotnet ? dotnet : "dotnet";

    /// <summary>The entry dll of a tool pinned in <c>.config/dotnet-tools.json</c> once restored, else null.</summary>
    public string? ToolDll(string id)
    {
        var manifest = Path.Combine(Root, ".config", "dotnet-tools.json");
        if (!File.Exists(manifest)) return null;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
        if (!json.RootElement.GetProperty("tools").TryGetProperty(id, out var tool)) return null;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var tools = Path.Combine(packages, id, tool.GetProperty("version").GetString() ?? "", "tools");
        var settings = Directory.Exists(tools) ? Directory.GetFiles(tools, "DotnetToolSettings.xml", SearchOption.AllDirectories).Order().LastOrDefault() : null;
        var entry = settings is null ? null
            : System.Xml.Linq.XDocument.Load(settings).Descendants("Command").FirstOrDefault()?.Attribute("EntryPoint")?.Value;
        return entry is null ? null : Path.Combine(Path.GetDirectoryName(settings)!, entry);
    }

    /// <summary>The course in order: <c>notebooks/[0-9]*.ipynb</c>, by name without the extension.</summary>
    public IReadOnlyList<string> Course() =>
        Directory.Exists(Notebooks)
            ? Directory.GetFiles(Notebooks, "*.ipynb").Select(Path.GetFileNameWithoutExtension).OfType<string>()
                .Where(n => n.Length > 0 && char.IsAsciiDigit(n[0])).Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The notebook file of a course notebook.</summary>
    public string Notebook(string name) => Path.Combine(Notebooks, name + ".ipynb");

    /// <summary>The repository above <paramref name="from"/>: the first folder holding both <c>lab</c> and <c>notebooks/</c>.</summary>
    public static Repository Find(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "lab")) && Directory.Exists(Path.Combine(dir.FullName, "notebooks")))
                return new Repository(dir.FullName);
        throw new DirectoryNotFoundException($"No RST lab repository (a folder with ./lab and notebooks/) above {from}: run the lab command as ./lab from the repository.");
    }
}

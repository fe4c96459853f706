using System.Collections;
using System.Text;
using Plotly.NET;
using RstLab.Evidence;

namespace RstLab.Notebooks;

/// <summary>What a file-based app generated from a notebook (<c>apps/NN-name.cs</c>, <c>./lab apps</c>) calls instead of the kernel: the notebook's
/// text and values printed to the terminal, its charts written as offline pages, and an exit status that says whether every claim held.</summary>
public static class LabApp
{
    /// <summary>Exit status of an app whose check failed or whose code threw.</summary>
    public const int Failed = 1;

    static string _notebook = "app";
    static int _charts;
    static readonly List<Checks> Shown = [];

    /// <summary>The first cell's work outside a kernel: charts load, what a killed run left is removed, and an exception ends the app with one message and <see cref="Failed"/>.</summary>
    public static void Start(string notebook)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebook);
        _notebook = notebook;
        Console.OutputEncoding = Encoding.UTF8;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Console.Out.Flush();
            Console.Error.WriteLine();
            Console.Error.WriteLine(e.ExceptionObject is Exception x ? $"{_notebook}: {x.GetType().Name}: {x.Message}" : $"{_notebook}: {e.ExceptionObject}");
            Environment.Exit(Failed);
        };
        LabNotebook.RedirectFSharpCore();
        // The recordings are found from the library's file, which here is in the SDK's build folder, else in the current folder,
        // which the web SDK (06's Kestrel) makes apps/: name the repository's data/ beside apps/.
        if (Environment.GetEnvironmentVariable("RSTLAB_DATA") is not { Length: > 0 } && AppContext.GetData("EntryPointFileDirectoryPath") is string apps
            && Path.GetFullPath(Path.Combine(apps, "..", "data")) is var data && Directory.Exists(data))
            Environment.SetEnvironmentVariable("RSTLAB_DATA", data);
        if (Leftovers.Clean().ToString() is { Length: > 0 } left)
            Console.WriteLine(left);
        if (Capture.CaptureCopy.StaleWarning() is { Length: > 0 } stale)
            Console.WriteLine(stale);
    }

    /// <summary>A markdown cell: headings underlined, paragraphs as written.</summary>
    public static void Markdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        Console.WriteLine();
        foreach (var line in markdown.Split('\n'))
        {
            var level = line.TakeWhile(c => c == '#').Count();
            if (level > 0 && line.Length > level && line[level] == ' ')
            {
                var heading = line[(level + 1)..].Trim();
                Console.WriteLine(heading);
                Console.WriteLine(new string(level == 1 ? '=' : '-', heading.Length));
            }
            else
                Console.WriteLine(line);
        }
    }

    /// <summary>A cell's value, as the notebook's text/plain output shows it; a chart is written to an offline page whose path is printed.</summary>
    public static void Show(object? value)
    {
        Console.WriteLine();
        Console.WriteLine(Text(value));
    }

    static string Text(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string text:
                return text;
            case GenericChart chart:
                return "chart: " + Page(chart);
            case Checks checks:
                Shown.Add(checks);
                break;
        }
        if (Formatters.Text(value) is { } view)
            return view;
        return value is IEnumerable items ? string.Join("\n", items.Cast<object?>().Select(Text)) : value.ToString() ?? "";
    }

    /// <summary>Where an app writes its charts: <c>out/apps/</c> beside <c>apps/</c> (the SDK tells a file-based app its own folder), else under the current folder.</summary>
    public static string ChartFolder =>
        Path.GetFullPath(AppContext.GetData("EntryPointFileDirectoryPath") is string apps ? Path.Combine(apps, "..", "out", "apps") : Path.Combine("out", "apps"));

    // A page that carries plotly.js itself: it opens in any browser with no network.
    static string Page(GenericChart chart)
    {
        var folder = ChartFolder;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{_notebook}-chart-{++_charts}.html");
        File.WriteAllText(path, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{_notebook}</title><script type=\"text/javascript\">{LabNotebook.PlotlyJs()}</script></head><body>{GenericChart.toChartHTML(chart)}</body></html>");
        return path;
    }

    /// <summary>The app's exit status: 0 when every check shown held, else <see cref="Failed"/> (a failed <see cref="Checks.Assert"/> has already ended the app).</summary>
    public static int End()
    {
        var failed = Shown.Where(c => !c.AllHold).Select(c => c.Notebook).ToList();
        Console.WriteLine();
        Console.WriteLine(Shown.Count == 0 ? $"{_notebook}: no check was shown." : failed.Count == 0 ? $"{_notebook}: every claim held." : $"{_notebook}: claims did not hold.");
        return Shown.Count > 0 && failed.Count == 0 ? 0 : Failed;
    }
}

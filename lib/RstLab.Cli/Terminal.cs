using Spectre.Console;
using Spectre.Console.Rendering;

namespace RstLab.Cli;

/// <summary>Where the lab command writes: live tables and progress on a terminal, plain lines when the output is a file or a CI log.</summary>
/// <param name="Console">The console to write to.</param>
/// <param name="Live">True on an interactive terminal: progress redraws in place; false: every update is a line of its own.</param>
public sealed record Terminal(IAnsiConsole Console, bool Live)
{
    // Notebooks run at once report from several threads; a line must not cut into another.
    readonly Lock _writing = new();

    /// <summary>This process's standard output: live when it is a terminal.</summary>
    public static Terminal ForThisProcess()
    {
        var console = AnsiConsole.Console;
        var live = !System.Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
        // A log has no width: do not wrap the summary table at 80 columns.
        if (!live)
            console.Profile.Width = Math.Max(console.Profile.Width, 200);
        return new Terminal(console, live);
    }

    /// <summary>A terminal that writes plain text into <paramref name="writer"/> (for tests and logs).</summary>
    public static Terminal Plain(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        return new Terminal(console, Live: false);
    }

    /// <summary>One line of text, as is (no markup).</summary>
    public void Line(string text)
    {
        lock (_writing)
            Console.WriteLine(text);
    }

    /// <summary>A stage of the work: <c>== text</c>, bold on a terminal.</summary>
    public void Stage(string text)
    {
        lock (_writing)
            Console.MarkupLine($"[bold]== {Markup.Escape(text)}[/]");
    }

    /// <summary>A problem the user must act on, on its own line.</summary>
    public void Problem(string text)
    {
        lock (_writing)
            Console.MarkupLine($"[red]{Markup.Escape(text)}[/]");
    }

    /// <summary>Anything Spectre.Console renders (tables).</summary>
    public void Write(IRenderable renderable)
    {
        lock (_writing)
            Console.Write(renderable);
    }
}

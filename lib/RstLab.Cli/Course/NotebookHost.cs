namespace RstLab.Cli.Course;

/// <summary>What executes a notebook headless; both run the same .NET Interactive engine, pinned in <c>.config/dotnet-tools.json</c>.</summary>
public enum NotebookHost
{
    /// <summary><c>dotnet-repl</c>: the kernel in its own process, no Jupyter needed, cell progress from its log. The default.</summary>
    Repl,
    /// <summary>Jupyter (<c>jupyter nbconvert --execute</c>, nbclient) with the kernelspec <c>.net-csharp</c> that <c>./lab setup</c> registers: the kernel a JupyterLab learner uses.</summary>
    Jupyter,
}

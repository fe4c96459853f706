namespace RstLab.Cli.Bench;

/// <summary>Start-up times measured in one <c>./lab bench</c> run: the course's empty notebook through the kernel, and a file-based app that loads the library.</summary>
/// <param name="EmptyNotebook">Each run of a notebook holding only the course's first cell (dotnet-repl, kernel start included).</param>
/// <param name="AppCold">Each run of a file-based app just changed (the SDK builds it first).</param>
/// <param name="AppWarm">Each run of the same app again (the SDK only checks that its build is current).</param>
public sealed record StartUp(IReadOnlyList<TimeSpan> EmptyNotebook, IReadOnlyList<TimeSpan> AppCold, IReadOnlyList<TimeSpan> AppWarm)
{
    /// <summary>The floor of a notebook: the median run of the empty notebook.</summary>
    public TimeSpan Floor => Median(EmptyNotebook);

    /// <summary>The middle value (the mean of the two middle ones for an even count); zero when there is none.</summary>
    public static TimeSpan Median(IReadOnlyList<TimeSpan> times)
    {
        if (times.Count == 0)
            return TimeSpan.Zero;
        var sorted = times.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

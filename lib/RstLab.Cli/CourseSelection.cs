namespace RstLab.Cli;

/// <summary>Which notebooks of the course a verb runs: all by default, or those named (by name, number or file, e.g. <c>01-no-listener</c>, <c>01</c>, <c>notebooks/01-no-listener.ipynb</c>).</summary>
public static class CourseSelection
{
    /// <summary>The course notebooks <paramref name="named"/> picks, in course order, or the reason it picks none for some name.</summary>
    public static (IReadOnlyList<string> Notebooks, string? Problem) Resolve(IReadOnlyList<string> course, IReadOnlyList<string>? named)
    {
        if (named is null || named.Count == 0)
            return (course, null);
        var picked = new HashSet<string>();
        foreach (var name in named)
        {
            var bare = Path.GetFileNameWithoutExtension(name);
            var matches = course.Where(n => n == bare || n.StartsWith(bare + "-", StringComparison.Ordinal)).ToList();
            if (matches.Count != 1)
                return ([], $"'{name}' is {(matches.Count == 0 ? "no" : "more than one")} notebook of the course; name one of: {string.Join(", ", course)}.");
            picked.Add(matches[0]);
        }
        return (course.Where(picked.Contains).ToList(), null);
    }
}

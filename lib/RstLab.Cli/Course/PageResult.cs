namespace RstLab.Cli.Course;

/// <summary>What the page step made of an executed notebook.</summary>
/// <param name="Page">Its HTML page exists.</param>
/// <param name="Screenshot">Its screenshot exists.</param>
public sealed record PageResult(bool Page, bool Screenshot);

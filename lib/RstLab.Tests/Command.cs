using System.Diagnostics;

namespace RstLab.Tests;

/// <summary>Runs a program to completion with a deadline, so no test can hang on a child process.</summary>
static class Command
{
    public static (int Code, string Output, string Error) Run(string file, string arguments, string? workingDirectory = null, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var wait = timeout ?? TimeSpan.FromMinutes(10);
        if (!process.WaitForExit(wait))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "", $"{file} {arguments}: timed out after {wait.TotalMinutes:0.#} min");
        }
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs and throws with the program's own words when it fails; returns its output.</summary>
    public static string Check(string file, string arguments, string? workingDirectory = null)
    {
        var (code, output, error) = Run(file, arguments, workingDirectory, TimeSpan.FromMinutes(5));
        return code == 0 ? output : throw new InvalidOperationException($"{file} {arguments} (exit {code}): {output}{error}");
    }
}

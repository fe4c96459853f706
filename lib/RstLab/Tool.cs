using System.Diagnostics;

namespace RstLab;

/// <summary>Runs the command-line tools the lab needs, each with a timeout and marked so a killed kernel's leftovers can be found.</summary>
internal static class Tool
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; null when the tool is not installed. A tool that outlives <paramref name="timeout"/> is killed and reported as code -1.</summary>
    public static ToolResult? Run(string file, string arguments, TimeSpan timeout)
    {
        Process process;
        try
        {
            process = Process.Start(Leftovers.Mark(new ProcessStartInfo(file, arguments) { RedirectStandardError = true, RedirectStandardOutput = true }))!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill();
                return new ToolResult(-1, "", $"'{file} {arguments}' did not finish in {timeout.TotalSeconds:0} s");
            }
            return new ToolResult(process.ExitCode, output.Result, error.Result);
        }
    }
}

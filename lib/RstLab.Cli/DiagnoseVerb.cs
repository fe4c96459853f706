using System.CommandLine;
using RstLab.Diagnosis;

namespace RstLab.Cli;

/// <summary><c>./lab diagnose FILE [--json] [--html PAGE]</c>: why was each connection in a capture reset? Needs neither root nor Jupyter, and runs no setup.</summary>
public static class DiagnoseVerb
{
    /// <summary>The verb.</summary>
    public static Command Create(Terminal terminal)
    {
        var file = new Argument<string>("file") { Description = "The capture to diagnose: pcap or pcapng (e.g. from tcpdump -w FILE).", HelpName = "file" };
        var json = new Option<bool>("--json") { Description = "One JSON object per reset (one per line) instead of the table, for scripts." };
        var html = new Option<string?>("--html") { Description = "Also write a page with the table and a ladder diagram per reset connection to this file.", HelpName = "page" };
        // An option the verb does not know lands here as the file's name.
        file.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } name && name.StartsWith('-'))
                result.AddError($"Unrecognized command or argument '{name}'.");
        });
        var command = new Command("diagnose", "For every RST in a capture: who sent it, what it answered, who built it, whether its numbers follow RFC 9293, "
            + "the most likely cause with the others, the errno the peer saw, Zeek's conn_state and history, and what to run to confirm. "
            + $"A missing or damaged file is one sentence and exit {DiagnoseCommand.BadInput}.")
        {
            file, json, html,
        };
        command.Does(terminal, (parse, _) =>
        {
            var invocation = parse.InvocationConfiguration;
            return Task.FromResult(DiagnoseCommand.Run(parse.GetValue(file)!, invocation.Output, invocation.Error, parse.GetValue(json), parse.GetValue(html)));
        });
        return command;
    }
}

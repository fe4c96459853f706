using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using InteractiveKernel = Microsoft.DotNet.Interactive.Kernel;

namespace RstLab.Notebooks;

/// <summary>Tells a learner who ran a cell before the cells it builds on to run those first, instead of a compiler error or a table from an older run.</summary>
public static partial class CellOrder
{
    static readonly HashSet<InteractiveKernel> Guarded = [];

    /// <summary>Checks every C# cell of <paramref name="kernel"/> (the running kernel by default) before it runs; does nothing outside a kernel or when already added.</summary>
    public static void Guard(InteractiveKernel? kernel = null) =>
        CSharpCells.AddOnce(kernel, Guarded, csharp => async (command, context, next) =>
        {
            if (command is SubmitCode submit && await NotYetMade(context.HandlingKernel ?? csharp, submit.Code) is { Count: > 0 } names)
            {
                context.Fail(command, message: Message(names));
                return;
            }
            await next(command, context);
        });

    /// <summary>What the learner reads: which names are missing and what to run.</summary>
    public static string Message(IReadOnlyList<string> names) =>
        $"This cell uses {string.Join(", ", names.Select(n => $"'{n}'"))}, which {(names.Count == 1 ? "a cell above makes" : "cells above make")}, " +
        "and this kernel has not run that cell yet (or it was restarted). Run the cells above this one first, in order " +
        "(Run Above in VS Code, or Run All), then this one. Nothing was run, so no table below is stale. If the name is misspelled, fix it.";

    // The kernel's own compiler decides what is missing (CS0103); a diagnostics request compiles without running anything.
    // That request costs about four times the cell's own compilation (measured: 07's 73 cells, 38 s of CPU against 8 s without
    // the guard), so a cell is first bound against the submissions the kernel has run, and only one that misses a name there is asked about.
    static async Task<IReadOnlyList<string>> NotYetMade(InteractiveKernel kernel, string code)
    {
        try
        {
            if (kernel is CSharpKernel { ScriptState: { } state } && !MissesAName(state, code))
                return [];
            var request = kernel.SendAsync(new RequestDiagnostics(code));
            if (await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(10))) != request)
                return [];   // too slow to say: let the cell run and the compiler speak for itself
            return (await request).Events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics)
                .Where(d => d.Code == "CS0103").Select(d => MissingName().Match(d.Message)).Where(m => m.Success)
                .Select(m => m.Groups[1].Value).Distinct().ToList();
        }
        catch (Exception)
        {
            return [];   // the guard must never stop a cell that would have run
        }
    }

    // Script options may lag the kernel's (a reference added by the cell before), which can only add misses: those go to the full request.
    static bool MissesAName(ScriptState state, string code) =>
        state.Script.ContinueWith(code).GetCompilation().GetDiagnostics().Any(d => d.Id == "CS0103");

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex MissingName();
}

using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using InteractiveKernel = Microsoft.DotNet.Interactive.Kernel;

namespace RstLab.Notebooks;

/// <summary>Every C# cell of a kernel: where the lab adds what runs around each cell (the cell-order guard, the replay of step cells).</summary>
internal static class CSharpCells
{
    /// <summary>Adds the middleware <paramref name="around"/> makes for the C# kernel of <paramref name="kernel"/> (the running kernel by
    /// default), unless <paramref name="added"/> already holds that kernel; does nothing outside a kernel.</summary>
    public static void AddOnce(InteractiveKernel? kernel, HashSet<InteractiveKernel> added, Func<InteractiveKernel, KernelCommandPipelineMiddleware> around)
    {
        var csharp = (kernel ?? KernelInvocationContext.Current?.HandlingKernel?.RootKernel)?.FindKernelByName("csharp");
        if (csharp is null) return;
        lock (added)
            if (!added.Add(csharp)) return;
        csharp.AddMiddleware(around(csharp));
    }

    /// <summary>The code of the cell running now; empty outside a cell.</summary>
    public static string Current() => (KernelInvocationContext.Current?.Command as SubmitCode)?.Code ?? "";
}

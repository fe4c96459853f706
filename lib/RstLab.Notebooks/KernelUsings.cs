using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace RstLab.Notebooks;

/// <summary>The <c>using</c> lines every notebook needs, added to the C# kernel by the first cell so no notebook repeats them.</summary>
public static class KernelUsings
{
    /// <summary>The namespaces a notebook uses: the library's nouns plus <c>System.Net</c>, <c>System.Net.Sockets</c> and <c>System.Net.Http</c>.</summary>
    public static readonly string[] Namespaces =
    [
        "RstLab", "RstLab.Capture", "RstLab.Charts", "RstLab.Diagnosis", "RstLab.Diagrams", "RstLab.Evidence", "RstLab.Exercises", "RstLab.Kernel", "RstLab.Namespaces",
        "RstLab.Packets", "RstLab.Scenarios", "RstLab.Sockets", "RstLab.Tracing", "RstLab.Notebooks", "System.Net", "System.Net.Sockets",
        "System.Net.Http", "System.Threading",
    ];

    /// <summary>Queues the <c>using</c> lines on the running C# kernel: they run before the next cell (a kernel extension's way, as Plotly.NET.Interactive adds its own).</summary>
    public static void Add()
    {
        var csharp = KernelInvocationContext.Current?.HandlingKernel?.RootKernel?.FindKernelByName("csharp");
        csharp?.DeferCommand(new SubmitCode(string.Concat(Namespaces.Select(n => $"using {n};\n"))));
    }
}

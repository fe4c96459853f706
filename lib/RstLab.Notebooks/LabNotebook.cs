using System.Reflection;
using System.Runtime.Loader;

namespace RstLab.Notebooks;

/// <summary>What the first cell of every notebook calls: makes the library's charts load in the kernel, registers its formatters, the cell-order guard and the course's <c>using</c>s.</summary>
public static class LabNotebook
{
    static bool _loaded;

    /// <summary>Prepares the kernel for the lab and returns its banner.</summary>
    public static LabBanner Load()
    {
        // Before anything mentions a Plotly type: the JIT resolves FSharp.Core when it compiles such a method.
        RedirectFSharpCore();
        Formatters.Register();
        Formatters.ForgetPlotly();
        if (InKernel)
        {
            GuardCellOrder();
            AddReplay();
            AddUsings();
        }
        _loaded = true;
        var leftovers = Leftovers.Clean();   // this is the next start after a kernel that was killed
        return new LabBanner(typeof(LabNotebook).Assembly.Location) { Leftovers = leftovers.ToString(), StaleCapture = Capture.CaptureCopy.StaleWarning() };
    }

    // Outside a kernel (the library's own tests) the Interactive assembly is absent; the guard's types must not even be resolved.
    internal static bool InKernel => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Microsoft.DotNet.Interactive");

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void GuardCellOrder() => CellOrder.Guard();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void AddReplay() => CellReplay.Add();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void AddUsings() => KernelUsings.Add();

    /// <summary>True once <see cref="Load"/> ran in this kernel.</summary>
    public static bool IsLoaded => _loaded;

    /// <summary>Makes requests for any FSharp.Core version resolve to the one the kernel already loaded.</summary>
    /// <remarks>The dotnet-interactive tool ships FSharp.Core 10.0 while Plotly.NET 6 asks for 10.1; they are compatible for what the charts use.</remarks>
    public static void RedirectFSharpCore()
    {
        if (_redirected) return;
        _redirected = true;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "FSharp.Core"
                ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
                  ?? context.LoadFromAssemblyPath(Path.Combine(Path.GetDirectoryName(typeof(LabNotebook).Assembly.Location)!, "FSharp.Core.dll"))
                : null;
    }
    static bool _redirected;

    /// <summary>plotly.js as Plotly.NET embeds it (no CDN).</summary>
    public static string PlotlyJs()
    {
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Plotly.NET")
            ?? Assembly.LoadFrom(Path.Combine(Path.GetDirectoryName(typeof(LabNotebook).Assembly.Location)!, "Plotly.NET.dll"));
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".min.js", StringComparison.Ordinal) && n.Contains("plotly", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>The first cell's output: where the library came from.</summary>
/// <param name="LibraryPath">The loaded library's path.</param>
public sealed record LabBanner(string LibraryPath)
{
    /// <summary>What the load removed that a killed kernel had left (see <see cref="RstLab.Leftovers"/>); empty when nothing was left.</summary>
    public string Leftovers { get; init; } = "";

    /// <summary>Says that the kernel runs under a capture copy of dotnet older than the system's (see <see cref="Capture.CaptureCopy"/>); empty otherwise.</summary>
    public string StaleCapture { get; init; } = "";
}

using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;

namespace RstLab.Notebooks;

/// <summary>ASP.NET Core for a notebook: its shared framework comes with the .NET SDK, beside the runtime the kernel runs on, but the kernel does not reference it; this adds the assemblies a Kestrel server needs, and their <c>using</c>s, from the next cell on.</summary>
public static class AspNetCore
{
    static readonly string[] Assemblies =
    [
        "Microsoft.AspNetCore", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Server.Kestrel.Core",
        "Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets", "Microsoft.AspNetCore.Http.Abstractions",
        "Microsoft.AspNetCore.Http.Features", "Microsoft.AspNetCore.Http.Results", "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Hosting.Abstractions", "Microsoft.Extensions.Hosting.Abstractions",
        "Microsoft.Extensions.Logging", "Microsoft.Extensions.Logging.Abstractions",
    ];

    /// <summary>The namespaces a notebook's Kestrel server uses, imported with its assemblies.</summary>
    public static readonly string[] Namespaces =
    [
        "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Server.Kestrel.Core",
        "Microsoft.Extensions.Logging",
    ];

    /// <summary>The shared framework's folder for the running runtime's version (or the newest of its major version).</summary>
    /// <exception cref="InvalidOperationException">ASP.NET Core's shared framework is not installed; the message says what to install.</exception>
    public static string Folder()
    {
        var runtime = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
        var frameworks = Path.Combine(runtime.Parent!.Parent!.FullName, "Microsoft.AspNetCore.App");
        var same = Path.Combine(frameworks, runtime.Name);
        if (Directory.Exists(same))
            return same;
        var major = Environment.Version.Major + ".";
        return Directory.Exists(frameworks)
            ? Directory.GetDirectories(frameworks).Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal))
                .OrderBy(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).LastOrDefault()
              ?? throw Missing(frameworks)
            : throw Missing(frameworks);
    }

    /// <summary>Queues <c>#r</c> of Kestrel's assemblies and their <c>using</c>s on the C# kernel (they apply from the next cell) and says where they come from.</summary>
    public static string Load()
    {
        var folder = Folder();
        if (!LabNotebook.InKernel)
            // A program that references ASP.NET Core (a file-based app generated with #:sdk Microsoft.NET.Sdk.Web) has it already.
            return Type.GetType("Microsoft.AspNetCore.Builder.WebApplication, Microsoft.AspNetCore") is not null
                ? $"ASP.NET Core {Path.GetFileName(folder)} (Kestrel), referenced by this program."
                : throw new InvalidOperationException("AspNetCore.Load() runs in a notebook's C# kernel; elsewhere reference Microsoft.AspNetCore.App in the project (a file-based app: #:sdk Microsoft.NET.Sdk.Web).");
        Defer(string.Concat(Assemblies.Select(a => $"#r \"{Path.Combine(folder, a + ".dll")}\"\n"))
            + string.Concat(Namespaces.Select(n => $"using {n};\n")));
        return $"ASP.NET Core {Path.GetFileName(folder)} (Kestrel), from {folder}: usable from the next cell.";
    }

    // Outside a kernel the Interactive assembly is absent: this method must not even be compiled there.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    static void Defer(string code) =>
        KernelInvocationContext.Current?.HandlingKernel?.RootKernel?.FindKernelByName("csharp")?.DeferCommand(new SubmitCode(code));

    static InvalidOperationException Missing(string frameworks) => new(
        $"ASP.NET Core's shared framework is not in {frameworks}: install the .NET SDK (it includes it) or aspnetcore-runtime-{Environment.Version.Major}.0.");
}

using System.Reflection;
using System.Runtime.Loader;

// The runtime calls StartupHook.Initialize (no namespace, by convention) before Main when DOTNET_STARTUP_HOOKS names this dll.

/// <summary>
/// Runs before the kernel's Main: in .NET Interactive's Jupyter kernel it registers <see cref="RstLab.KernelGuard.PrivateHttp"/>
/// as a hosting startup; in any other program it does nothing.
/// </summary>
/// <remarks>
/// `dotnet interactive jupyter` always starts its HTTP API (variables, a SignalR hub that runs code), with neither a token nor
/// an Origin check; no option turns it off. ASP.NET Core's hosting startups are the supported way to change a web host from
/// outside; the variable that names them is set here, in this process only, and removed again by the startup itself, so a web
/// server a notebook starts later (Kestrel in a cell) is not touched.
/// </remarks>
internal static class StartupHook
{
    /// <summary>The entry assembly of .NET Interactive (the tool <c>Microsoft.dotnet-interactive</c>).</summary>
    const string InteractiveApp = "Microsoft.DotNet.Interactive.App";

    /// <summary>The variable ASP.NET Core reads the hosting startups from.</summary>
    internal const string HostingStartups = "ASPNETCORE_HOSTINGSTARTUPASSEMBLIES";

    /// <summary>Called by the runtime before Main.</summary>
    public static void Initialize()
    {
        // `dotnet interactive` first runs the SDK, which starts the kernel as a child: the hook must reach that child.
        if (Assembly.GetEntryAssembly()?.GetName().Name != InteractiveApp)
            return;
        // Programs the kernel starts (dotnet children of a notebook cell) must not inherit the hook.
        Environment.SetEnvironmentVariable("DOTNET_STARTUP_HOOKS", null);
        var self = typeof(StartupHook).Assembly;
        // The hosting startup is loaded by name; this dll is not in the tool's deps.json, so answer with the copy already loaded.
        AssemblyLoadContext.Default.Resolving += (_, name) => name.Name == self.GetName().Name ? self : null;
        Environment.SetEnvironmentVariable(HostingStartups, self.GetName().Name);
    }
}

using Microsoft.AspNetCore.Hosting;

[assembly: HostingStartup(typeof(RstLab.KernelGuard.PrivateHttp))]

namespace RstLab.KernelGuard;

/// <summary>
/// Moves the kernel's HTTP API off TCP: it listens on a Unix socket in a folder only the kernel's user can enter (mode 0700),
/// so no other machine, no other local user and no web page (browsers cannot open Unix sockets) can reach it.
/// </summary>
/// <remarks>
/// The Jupyter protocol itself goes over ZeroMQ on 127.0.0.1 with HMAC-signed messages (jupyter_client's connection file), so
/// every notebook still runs; only .NET Interactive's browser-side extras (the <c>#!javascript</c> kernel, variable sharing
/// with JavaScript) lose the API they would load from.
/// </remarks>
public sealed class PrivateHttp : IHostingStartup
{
    /// <summary>Replaces the TCP addresses the kernel chose with the private socket, once, for the kernel's own web host.</summary>
    public void Configure(IWebHostBuilder builder)
    {
        // Only the first web host of the process is the kernel's: later ones (a notebook's Kestrel) keep their own addresses.
        Environment.SetEnvironmentVariable(StartupHook.HostingStartups, null);
        RemoveStale();
        var folder = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove(folder);
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://unix:{Path.Combine(folder.FullName, "http.sock")}");
    }

    const string Prefix = "rstlab-kernel-";

    /// <summary>Folders of kernels that were killed (Jupyter kills a kernel that does not stop in time): their process is gone.</summary>
    static void RemoveStale()
    {
        foreach (var folder in new DirectoryInfo(Path.GetTempPath()).EnumerateDirectories(Prefix + "*"))
            if (int.TryParse(folder.Name[Prefix.Length..].Split('-')[0], out var pid) && !Directory.Exists($"/proc/{pid}"))
                Remove(folder);
    }

    static void Remove(DirectoryInfo folder)
    {
        try { folder.Delete(recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }  // another user's, or gone meanwhile: nobody to tell
    }
}

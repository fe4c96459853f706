using System.Security.Cryptography;
using RstLab.Cli;

namespace RstLab.Tests;

/// <summary>A repository of two notebooks with committed recordings, whose setup and kernel are stand-ins (shell scripts): the lab command's verbs run
/// end to end on it in a second, and a listing shows every file they touched.</summary>
sealed class FakeCourse : IDisposable
{
    readonly TempFolder _folder = new();

    public FakeCourse()
    {
        Directory.CreateDirectory(Path.Combine(Root, "notebooks"));
        Directory.CreateDirectory(Path.Combine(Root, "data"));
        Directory.CreateDirectory(Path.Combine(Root, "fake"));
        // The setup stand-in leaves a mark, so a listing shows whether a verb ran it.
        Script("lab", "#!/bin/sh\necho \"$@\" >> \"$(dirname \"$0\")/setup-ran\"\n");
        Script("fake/dotnet", """
            #!/bin/sh
            # Stands in for "dotnet repl --run NAME.ipynb ...": saves what the notebook would record, then its check cell's summary.
            name=$(basename "$3" .ipynb)
            fake=$(cd ../fake && pwd)
            cp "$3" "$fake/ran-$name.ipynb"   # what ran: the notebook, or its copy with the reference solutions
            echo "DOTNET_TieredPGO=$DOTNET_TieredPGO DOTNET_TC_CallCountThreshold=$DOTNET_TC_CallCountThreshold" > "$fake/runtime-$name"
            nice > "$fake/nice-$name"
            if [ -n "$RSTLAB_RECORD" ]; then
              cp "$fake/$name.pcap" "$RSTLAB_RECORD/$name.pcap"
              echo "{\"Name\": \"$name\"}" > "$RSTLAB_RECORD/$name.json"
              # A notebook may also record into a folder below (05-diagnose: data/diagnose/; a change exercise: exercises/).
              for below in diagnose exercises; do
                if [ -f "$fake/$below/$name.pcap" ]; then
                  mkdir -p "$RSTLAB_RECORD/$below"
                  cp "$fake/$below/$name.pcap" "$RSTLAB_RECORD/$below/$name.pcap"
                  echo "{\"Name\": \"$below/$name\"}" > "$RSTLAB_RECORD/$below/$name.json"
                fi
              done
            fi
            if [ -f "$fake/sleep" ]; then sleep "$(cat "$fake/sleep")"; fi
            printf '{"notebook":"%s","passed":2,"failed":0,"facts":{"RST seen":"S → R.","errno":"ConnectionRefused 111"}}' "$name" > "$RSTLAB_SUMMARY/$name.summary.json"
            """);
        foreach (var (name, title) in new[] { ("01-first", "Why did connect() fail?"), ("02-second", "Why did `close()` send a RST?") })
            File.WriteAllText(Path.Combine(Root, "notebooks", name + ".ipynb"), $$"""
                {"cells": [
                  {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# {{title}}\n", "\n", "Text."]},
                  {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": null, "outputs": [], "source": ["1 + 1"]},
                  {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": null, "outputs": [], "source": ["2 + 2"]}
                ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                """);
        // Committed: 01-first is one refused connection (with a sidecar), 02-second an abort. Recorded anew: three refusals, and the same abort.
        Copy("refused.pcap", "data/01-first.pcap");
        File.WriteAllText(Path.Combine(Root, "data", "01-first.json"), "{\"Name\": \"01-first\", \"committed\": true}\n");
        File.WriteAllText(Path.Combine(Root, "data", "01-first.reasons.json"), "[\"committed sidecar\"]\n");
        Copy("abort.pcap", "data/02-second.pcap");
        File.WriteAllText(Path.Combine(Root, "data", "02-second.json"), "{\"Name\": \"02-second\", \"committed\": true}\n");
        Copy("refused-three.pcap", "fake/01-first.pcap");
        Copy("abort.pcap", "fake/02-second.pcap");
    }

    public string Root => _folder.Path;

    public Repository Repository => new(Root) { Dotnet = Path.Combine(Root, "fake", "dotnet") };

    public string Data => Path.Combine(Root, "data");

    /// <summary>Runs the lab command in-process on this repository; returns its exit status and everything it wrote.</summary>
    public (int Code, string Output) Lab(params string[] args) => Lab(args, CancellationToken.None);

    public (int Code, string Output) Lab(string[] args, CancellationToken cancel)
    {
        var output = new StringWriter();
        var code = LabCommand.Invoke(Repository, Terminal.Plain(output), args, output, output, cancel);
        return (code, output.ToString());
    }

    /// <summary>Every file under <paramref name="folder"/> (relative to the root) with a hash of its bytes: equal listings, equal files.</summary>
    public IReadOnlyList<string> Listing(string folder = "") => Listing(Path.Combine(Root, folder), _ => true);

    public static IReadOnlyList<string> Listing(string folder, Func<string, bool> include) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Where(include).Order(StringComparer.Ordinal)
                .Select(f => $"{Path.GetRelativePath(folder, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}").ToList()
            : [];

    void Script(string path, string text)
    {
        var file = Path.Combine(Root, path);
        File.WriteAllText(file, text.Replace("\r\n", "\n") + "\n");
        if (OperatingSystem.IsLinux())
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    void Copy(string fixture, string path) => File.Copy(Fixtures.Path(fixture), Path.Combine(Root, path));

    public void Dispose() => _folder.Dispose();
}

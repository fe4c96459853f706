namespace RstLab.Kernel;

/// <summary>The kernel's TCP counters at one moment, from <c>/proc/net/snmp</c> and <c>/proc/net/netstat</c>, keyed like <c>Tcp.OutRsts</c> and <c>TcpExt.TCPAbortOnData</c>.</summary>
public sealed class CounterSnapshot
{
    CounterSnapshot(IReadOnlyDictionary<string, long> values, DateTimeOffset taken, bool isPrivate = false)
    {
        Values = values;
        Taken = taken;
        Private = isPrivate;
    }

    /// <summary>True when taken inside one of the lab's own namespaces, where only the experiment moves the counters.</summary>
    public bool Private { get; }

    /// <summary>Every counter, keyed <c>Group.Name</c>.</summary>
    public IReadOnlyDictionary<string, long> Values { get; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset Taken { get; }

    /// <summary>Reads the counters of the calling thread's network namespace.</summary>
    /// <remarks>Reads <c>/proc/thread-self/net</c>: a lab thread inside a namespace sees that namespace's counters.</remarks>
    public static CounterSnapshot Take() => Read("/proc/thread-self/net");

    /// <summary>Reads the counters from a folder holding <c>snmp</c> and <c>netstat</c> files.</summary>
    public static CounterSnapshot Take(string folder) => Read(Guard.ExistingFolder(folder, "folder holding snmp and netstat (like /proc/net)"));

    static CounterSnapshot Read(string folder)
    {
        var snmp = Path.Combine(folder, "snmp");
        if (!File.Exists(snmp))
            throw new PlatformNotSupportedException($"Kernel counters need Linux's {snmp}; this system has none, so counter deltas cannot be shown.");
        var values = new Dictionary<string, long>();
        Parse(File.ReadAllText(snmp), values);
        var netstat = Path.Combine(folder, "netstat");
        if (File.Exists(netstat))
            Parse(File.ReadAllText(netstat), values);
        return new CounterSnapshot(values, DateTimeOffset.UtcNow, folder.StartsWith("/proc/thread-self", StringComparison.Ordinal) && Namespaces.NetworkNamespace.Current is not null);
    }

    /// <summary>Builds a snapshot from the text of <c>snmp</c>/<c>netstat</c> files (pairs of header and value lines).</summary>
    public static CounterSnapshot Parse(params string[] texts)
    {
        Guard.NotNull(texts);
        for (var i = 0; i < texts.Length; i++)
            if (texts[i] is null)
                throw Guard.Fail(nameof(texts), $"texts[{i}] is null; pass the text of a snmp or netstat file.");
        var values = new Dictionary<string, long>();
        foreach (var text in texts)
            Parse(text, values);
        return new CounterSnapshot(values, DateTimeOffset.UtcNow);
    }

    /// <summary>A counter's value by full (<c>Tcp.OutRsts</c>) or short (<c>OutRsts</c>) name.</summary>
    public long this[string name] => Values[CounterCatalog.FullName(name, Values.Keys)];

    /// <summary>The change from this snapshot to <paramref name="after"/>.</summary>
    public CounterDelta To(CounterSnapshot after) => new(this, Guard.NotNull(after));

    static void Parse(string text, Dictionary<string, long> into)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i + 1 < lines.Length; i += 2)
        {
            var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var numbers = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (names.Length != numbers.Length || names.Length == 0 || names[0] != numbers[0])
                throw new FormatException($"Unexpected counter lines: '{lines[i]}' / '{lines[i + 1]}'.");
            var group = names[0].TrimEnd(':');
            for (var j = 1; j < names.Length; j++)
                if (long.TryParse(numbers[j], out var value))
                    into[$"{group}.{names[j]}"] = value;
        }
    }
}

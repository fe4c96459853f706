namespace RstLab.Capture;

/// <summary>One captured link-layer frame: when it was seen and its bytes.</summary>
public sealed record Frame(DateTimeOffset Time, byte[] Data, LinkType LinkType = LinkType.Ethernet);

/// <summary>The pcap link types the lab reads and writes.</summary>
public enum LinkType : uint
{
    /// <summary>BSD loopback (4-byte family header).</summary>
    Null = 0,
    /// <summary>Ethernet; Linux <c>lo</c> and veth frames use it (zero MACs on <c>lo</c>).</summary>
    Ethernet = 1,
    /// <summary>Raw IP without a link header.</summary>
    Raw = 101,
    /// <summary>Linux cooked capture (the "any" device).</summary>
    LinuxSll = 113,
}

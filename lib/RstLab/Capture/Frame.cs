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
    /// <summary>OpenBSD loopback (4-byte family header in network byte order).</summary>
    Loop = 108,
    /// <summary>Linux cooked capture (the "any" device).</summary>
    LinuxSll = 113,
    /// <summary>Raw IPv4 without a link header.</summary>
    Ipv4 = 228,
    /// <summary>Raw IPv6 without a link header.</summary>
    Ipv6 = 229,
    /// <summary>Linux cooked capture v2 (tcpdump 4.99's "any" device, with the interface index).</summary>
    LinuxSll2 = 276,
}

namespace RstLab.Tests;

/// <summary>A live fact that also needs nftables' <c>nft</c>; skipped, with the reason, otherwise.</summary>
public sealed class NftFactAttribute : FactAttribute
{
    public NftFactAttribute()
    {
        if (!LiveFactAttribute.IsRootUser)
            Skip = "needs root (namespaces, nftables); CI runs as root";
        else if (!File.Exists("/usr/sbin/nft"))
            Skip = "nft is missing: sudo apt-get install nftables (./lab setup installs it)";
    }
}

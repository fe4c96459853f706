using SharpPcap;
using SharpPcap.LibPcap;
using RstLab.Namespaces;
using RstLab.Packets;

namespace RstLab.Capture;

/// <summary>Sends hand-built frames through libpcap on <c>lo</c>, or on an interface inside a namespace the lab created; nothing else.</summary>
/// <remarks>A handle of its own, not the capture's: on Linux libpcap does not show a handle the frames it sent itself.</remarks>
public sealed class SegmentInjector : IDisposable
{
    readonly LibPcapLiveDevice _device;
    readonly bool _insideLabNamespace;
    bool _closed;

    SegmentInjector(LibPcapLiveDevice device, NetworkNamespace? inside)
    {
        _device = device;
        _insideLabNamespace = inside is not null;
        Where = inside is null ? device.Name : $"{device.Name} in {inside.Name}";
    }

    /// <summary>The device frames leave through, with its namespace, e.g. <c>lo</c> or <c>br0 in rstlab-123-1</c>.</summary>
    public string Where { get; }

    /// <summary>Frames sent so far.</summary>
    public int Sent { get; private set; }

    /// <summary>Opens <paramref name="device"/> for sending: <c>lo</c> of this host, or any interface inside <paramref name="inside"/>, a namespace the lab created.</summary>
    /// <exception cref="ArgumentException">Another device outside the lab's namespaces: the lab never injects onto a real network.</exception>
    /// <exception cref="CaptureUnavailableException">libpcap is missing, or sending raw frames is not permitted (needs CAP_NET_RAW).</exception>
    public static SegmentInjector Open(string device = "lo", NetworkNamespace? inside = null)
    {
        Guard.NotBlank(device);
        if (inside is null && device != "lo")
            throw new LabArgumentException($"The lab injects only on lo, or on an interface inside a namespace it created; '{device}' is neither.", nameof(device));
        return inside is null ? OpenHere(device, null) : inside.Run(() => OpenHere(device, inside));
    }

    /// <summary>Sends one frame; its addresses must be loopback (or, inside a lab namespace, in the lab's range).</summary>
    public void Send(Frame frame)
    {
        Guard.NotNull(frame);
        ObjectDisposedException.ThrowIf(_closed, this);
        if (frame.LinkType != LinkType.Ethernet)
            throw new LabArgumentException($"lo and veth carry Ethernet frames; this frame is {frame.LinkType}.", nameof(frame));
        var segment = TcpSegment.From(frame)
            ?? throw new LabArgumentException("The frame carries no TCP segment: the lab injects TCP only.", nameof(frame));
        LabAddresses.Require(segment.Source.Address, _insideLabNamespace, nameof(frame));
        LabAddresses.Require(segment.Destination.Address, _insideLabNamespace, nameof(frame));
        _device.SendPacket(frame.Data);
        Sent++;
    }

    /// <summary>Releases the device.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        _device.Close();
    }

    static SegmentInjector OpenHere(string device, NetworkNamespace? inside)
    {
        var found = LiveCapture.Find(device, "no segment can be injected");
        try
        {
            found.Open(new DeviceConfiguration { Mode = DeviceModes.None, ReadTimeout = 20 });
        }
        catch (PcapException e)
        {
            throw new CaptureUnavailableException(CaptureProblem.NotPermitted,
                $"Injecting segments on {device} is not permitted for this user ({e.Message.Trim()}): it needs CAP_NET_RAW. " + LiveCapture.Remedy, e);
        }
        return new SegmentInjector(found, inside);
    }
}

using RstLab.Capture;
using RstLab.Packets;
using RstLab.Tracing;

namespace RstLab.Diagnosis;

/// <summary>One reset seen two ways: the diagnosis from the capture alone, and the reason the sending kernel traced (<c>tcp:tcp_send_reset</c>).</summary>
/// <param name="Capture">The capture's name, e.g. <c>01-refused</c>.</param>
/// <param name="Diagnosis">What the capture says.</param>
/// <param name="Kernel">The kernel's trace of this reset; null when none matched (not traced here, or no end host's kernel sent it).</param>
/// <param name="Traced">True when the capture's resets were traced (live as root, or in a recording made so): only then does a missing event mean something.</param>
public sealed record TracedDiagnosis(string Capture, ResetDiagnosis Diagnosis, ResetEvent? Kernel, bool Traced)
{
    /// <summary>Whether the cause and the kernel's reason agree (<see cref="KernelReasons"/>); null when the resets were not traced.</summary>
    public bool? Agrees => Traced ? KernelReasons.Agree(Diagnosis.Cause, Kernel?.Reason) : null;

    /// <summary>Each reset of <paramref name="wire"/> (live or recorded) with its traced reason.</summary>
    public static IReadOnlyList<TracedDiagnosis> Of(WireCapture wire)
    {
        Guard.NotNull(wire);
        return Of(wire.Name, wire.Frames, wire.Packets, wire.IsTraced);
    }

    /// <summary>Each reset of the recording <paramref name="name"/> (e.g. <c>01-refused</c>) with the reason traced when it was recorded; empty when there is no such recording.</summary>
    public static IReadOnlyList<TracedDiagnosis> OfRecording(string name)
    {
        if (Recordings.Load(name) is not { } recording)
            return [];
        var packets = new PacketTable(TcpSegment.From(recording.Frames), "", recording.Note.ServerPort, recording.Note.Resets);
        return Of(name, recording.Frames, packets, recording.Note.Resets is not null);
    }

    static IReadOnlyList<TracedDiagnosis> Of(string capture, IReadOnlyList<Frame> frames, PacketTable packets, bool traced)
    {
        var rows = packets.Rsts.ToList();
        return ResetDiagnoser.Diagnose(frames)
            .Select(d => new TracedDiagnosis(capture, d, rows.FirstOrDefault(r => r.Segment == d.Reset)?.Kernel, traced)).ToList();
    }
}

namespace RstLab.Diagnosis;

/// <summary>Zeek's <c>conn_state</c>: how a TCP connection went, in one code.</summary>
public enum ConnState
{
    /// <summary>SYN seen, no reply.</summary>
    S0,
    /// <summary>Established, not closed.</summary>
    S1,
    /// <summary>Normal establishment and termination.</summary>
    SF,
    /// <summary>SYN answered by a reset.</summary>
    REJ,
    /// <summary>Established; the originator closed, no reply from the responder.</summary>
    S2,
    /// <summary>Established; the responder closed, no reply from the originator.</summary>
    S3,
    /// <summary>Established; the originator aborted (sent a reset).</summary>
    RSTO,
    /// <summary>Established; the responder aborted (sent a reset).</summary>
    RSTR,
    /// <summary>The originator sent a SYN then a reset; no SYN-ACK from the responder.</summary>
    RSTOS0,
    /// <summary>The responder sent a SYN-ACK then a reset; no SYN from the originator seen.</summary>
    RSTRH,
    /// <summary>The originator sent a SYN then a FIN; no SYN-ACK (half open).</summary>
    SH,
    /// <summary>The responder sent a SYN-ACK then a FIN; no SYN from the originator seen.</summary>
    SHR,
    /// <summary>No SYN seen: mid-stream traffic.</summary>
    OTH,
}

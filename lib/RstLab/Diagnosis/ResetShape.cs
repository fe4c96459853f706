namespace RstLab.Diagnosis;

/// <summary>Who built the reset, from its header fields.</summary>
public enum ResetShape
{
    /// <summary>A socket aborting a live connection: ACK, window above 0, options (timestamps) as in its other segments.</summary>
    Socket,
    /// <summary>The stack answering without a socket: no options, window 0, IP ID 0.</summary>
    Stack,
    /// <summary>Something on the path: the TTL differs from every other segment of the same sender.</summary>
    Middlebox,
}

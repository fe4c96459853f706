namespace RstLab.Exercises;

/// <summary>One end of a connection: the side that sent the SYN is the client.</summary>
public enum Side
{
    /// <summary>The side that sent the first SYN.</summary>
    Client,
    /// <summary>The side that answered it.</summary>
    Server,
}

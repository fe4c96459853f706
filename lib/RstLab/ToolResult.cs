namespace RstLab;

/// <summary>What a command-line tool the lab runs (ip, ss, nft) exited with and printed.</summary>
internal sealed record ToolResult(int Code, string Output, string Error);

using System.Text.Json;
using System.Text.Json.Nodes;

namespace RstLab.Tests;

/// <summary><c>.devcontainer/devcontainer.json</c>, read as the Dev Containers tools read it: JSON with comments.</summary>
static class Devcontainer
{
    public static string File => Path.Combine(Notebooks.Root, ".devcontainer", "devcontainer.json");

    public static JsonNode Load() =>
        JsonNode.Parse(System.IO.File.ReadAllText(File), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
        ?? throw new InvalidDataException($"{File} is empty.");

    /// <summary>The command the container runs once after it is created, in the workspace folder, as <c>remoteUser</c>.</summary>
    public static string PostCreateCommand => (string?)Load()["postCreateCommand"] ?? throw new InvalidDataException("devcontainer.json has no postCreateCommand string.");
}

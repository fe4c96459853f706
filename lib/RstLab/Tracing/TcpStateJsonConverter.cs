using System.Text.Json;
using System.Text.Json.Serialization;
using RstLab.Kernel;

namespace RstLab.Tracing;

/// <summary>Writes a <see cref="TcpState"/> as the course shows it (<c>CLOSED</c>) in JSON; reads that or the kernel's name (<c>TCP_CLOSE</c>, as older recordings keep it).</summary>
internal sealed class TcpStateJsonConverter : JsonConverter<TcpState>
{
    public override TcpState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TcpStateText.TryParse(reader.GetString(), out var state) ? state : throw new JsonException($"'{reader.GetString()}' is not a TCP state.");

    public override void Write(Utf8JsonWriter writer, TcpState value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToText());
}

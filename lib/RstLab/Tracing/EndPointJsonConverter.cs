using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RstLab.Tracing;

/// <summary>Writes an <see cref="IPEndPoint"/> as <c>127.0.0.1:8000</c> or <c>[::1]:8000</c> in JSON (a recording's note, a diagnosis for scripts).</summary>
internal sealed class EndPointJsonConverter : JsonConverter<IPEndPoint>
{
    public override IPEndPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPEndPoint.TryParse(reader.GetString() ?? "", out var endPoint) ? endPoint : throw new JsonException($"'{reader.GetString()}' is not an address:port.");

    public override void Write(Utf8JsonWriter writer, IPEndPoint value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

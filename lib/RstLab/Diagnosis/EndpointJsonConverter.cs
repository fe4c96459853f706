using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RstLab.Diagnosis;

/// <summary>Writes an endpoint as "address:port" (IPv6 in brackets): System.Text.Json cannot serialize <see cref="IPEndPoint"/> itself.</summary>
internal sealed class EndpointJsonConverter : JsonConverter<IPEndPoint>
{
    public override IPEndPoint Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        IPEndPoint.Parse(reader.GetString() ?? throw new JsonException("An endpoint must be a string such as 127.0.0.1:80."));

    public override void Write(Utf8JsonWriter writer, IPEndPoint value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

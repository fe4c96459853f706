using System.Text.Json;
using System.Text.Json.Serialization;

namespace RstLab.Diagnosis;

/// <summary>Diagnoses as JSON for scripts: enums by name, endpoints as "address:port".</summary>
public static class DiagnosisJson
{
    /// <summary>The options the lab writes diagnoses with.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new JsonStringEnumConverter(), new Tracing.EndPointJsonConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>One diagnosis as a JSON object on one line.</summary>
    public static string Of(ResetDiagnosis diagnosis) => JsonSerializer.Serialize(Guard.NotNull(diagnosis), Options);
}

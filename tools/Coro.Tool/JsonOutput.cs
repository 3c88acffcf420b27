using System.Text.Json;
using System.Text.Json.Serialization;

namespace Coro.Tool;

/// <summary>The reports as JSON for other tools: the same fields as the text, durations in seconds,
/// each coroutine's <c>awaiting</c> as the ids of the coroutines it waits on.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new SecondsConverter() },
    };

    public static string Write(ProcessReport report) => JsonSerializer.Serialize(report, s_options) + Environment.NewLine;

    public static string Write(IReadOnlyList<ProcessSummary> processes) => JsonSerializer.Serialize(processes, s_options) + Environment.NewLine;

    /// <summary>A duration as a number of seconds.</summary>
    private sealed class SecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.FromSeconds(reader.GetDouble());

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Math.Round(value.TotalSeconds, 3));
    }
}

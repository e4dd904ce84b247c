using System.Text.Json;

namespace FinOps.Infrastructure.Ingest.Json;

/// <summary>
/// One JSON document read in constant memory: vendor exports put their records in one top-level array
/// (<c>data</c> of an admin-API page, <c>resourceSpans</c> of an OTLP export) that can be hundreds of megabytes, so
/// that array is read one element at a time and each element handed on as a small page of its own
/// (<c>{"data":[element]}</c>) — the shape the formats already read. The buffer grows only to the largest element.
/// </summary>
internal static class JsonDocumentStream
{
    /// <summary>The top-level arrays streamed element by element.</summary>
    public static readonly IReadOnlySet<string> RecordArrays = new HashSet<string>(StringComparer.Ordinal) { "data", "resourceSpans" };

    public static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>What one pass over the whole document found: valid or the reason, and whether it holds a record array.</summary>
    public sealed record Survey(string? Problem, bool RootIsObject, string? RecordArray);

    /// <summary>Reads the whole document once, holding no more than one buffer: is it valid JSON, and where are its records?</summary>
    public static Survey Inspect(Stream stream)
    {
        var buffer = new byte[1 << 16];
        var length = 0;
        var final = false;
        var state = new JsonReaderState(Options);
        var rootIsObject = false;
        string? recordArray = null;
        string? lastProperty = null;
        long lineBase = 0;
        try
        {
            while (true)
            {
                if (!final)
                {
                    var read = stream.Read(buffer, length, buffer.Length - length);
                    if (read == 0) final = true;
                    length += read;
                }
                var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
                while (reader.Read())
                {
                    if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.StartObject) rootIsObject = true;
                    if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName) lastProperty = reader.GetString();
                    else if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.StartArray && rootIsObject && lastProperty is { } name
                             && RecordArrays.Contains(name))
                        recordArray ??= name;
                }
                var consumed = (int)reader.BytesConsumed;
                lineBase += CountLines(buffer.AsSpan(0, consumed));
                state = reader.CurrentState;
                if (final)
                {
                    if (consumed < length || reader.CurrentDepth > 0 || reader.TokenType == JsonTokenType.None)
                        return new Survey($"the file is not valid JSON (the document ends before it is complete; line {lineBase + 1})", rootIsObject, null);
                    return new Survey(null, rootIsObject, recordArray);
                }
                Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
                length -= consumed;
                if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            }
        }
        catch (JsonException e)
        {
            return new Survey($"the file is not valid JSON ({e.Message.Split('.')[0]}; line {lineBase + (e.LineNumber ?? 0) + 1})", rootIsObject, null);
        }
    }

    /// <summary>The elements of the root object's <paramref name="recordArray"/>, each as a small page <c>{"array":[element]}</c>.</summary>
    public static IEnumerable<JsonElement> Pages(Stream stream, string recordArray)
    {
        var buffer = new byte[1 << 16];
        var length = 0;
        var final = false;
        var cursor = new Cursor(new JsonReaderState(Options));
        var pending = new List<JsonElement>();
        while (cursor.Phase != Phase.Done)
        {
            if (!final)
            {
                var read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0) final = true;
                length += read;
            }
            var consumed = Step(buffer.AsSpan(0, length), final, ref cursor, recordArray, pending);
            foreach (var element in pending) yield return element;
            pending.Clear();
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            if (consumed == 0 && final) yield break; // validated before: only trailing whitespace remains
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private enum Phase { Root, Properties, Records, Done }

    /// <summary>Where the reading stands at the last complete step; a step cut short by the buffer's end restarts from here.</summary>
    private struct Cursor(JsonReaderState state)
    {
        public JsonReaderState State = state;
        public Phase Phase = Phase.Root;
    }

    private static int Step(ReadOnlySpan<byte> data, bool final, ref Cursor cursor, string recordArray, List<JsonElement> pending)
    {
        var reader = new Utf8JsonReader(data, final, cursor.State);
        var saved = 0;
        void Save(ref Utf8JsonReader r, ref Cursor c, Phase phase)
        {
            c.State = r.CurrentState;
            c.Phase = phase;
            saved = (int)r.BytesConsumed;
        }

        while (cursor.Phase != Phase.Done)
        {
            switch (cursor.Phase)
            {
                case Phase.Root:
                    if (!reader.Read()) return saved;
                    Save(ref reader, ref cursor, Phase.Properties);
                    break;
                case Phase.Properties:
                    if (!reader.Read()) return saved;
                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        Save(ref reader, ref cursor, Phase.Done);
                        break;
                    }
                    var name = reader.GetString();
                    if (name == recordArray)
                    {
                        if (!reader.Read()) return saved;
                        if (reader.TokenType == JsonTokenType.StartArray) Save(ref reader, ref cursor, Phase.Records);
                        else
                        {
                            if (!reader.TrySkip()) return saved;
                            Save(ref reader, ref cursor, Phase.Properties);
                        }
                    }
                    else
                    {
                        if (!reader.TrySkip()) return saved;
                        Save(ref reader, ref cursor, Phase.Properties);
                    }
                    break;
                case Phase.Records:
                    if (!reader.Read()) return saved;
                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        Save(ref reader, ref cursor, Phase.Properties);
                        break;
                    }
                    var probe = reader;
                    if (!probe.TrySkip()) return saved; // the element is not all in the buffer yet
                    using (var element = JsonDocument.ParseValue(ref reader))
                        pending.Add(PageOf(recordArray, [element.RootElement]));
                    Save(ref reader, ref cursor, Phase.Records);
                    break;
            }
        }
        return saved;
    }

    /// <summary>A page of the shape the formats read, <c>{"array":[elements…]}</c>: one record while streaming, the first few as a sample.</summary>
    public static JsonElement PageOf(string recordArray, IEnumerable<JsonElement> elements)
    {
        using var memory = new MemoryStream();
        using (var writer = new Utf8JsonWriter(memory))
        {
            writer.WriteStartObject();
            writer.WritePropertyName(recordArray);
            writer.WriteStartArray();
            foreach (var element in elements) element.WriteTo(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        using var page = JsonDocument.Parse(memory.ToArray());
        return page.RootElement.Clone();
    }

    private static long CountLines(ReadOnlySpan<byte> bytes)
    {
        long lines = 0;
        foreach (var b in bytes) if (b == (byte)'\n') lines++;
        return lines;
    }
}

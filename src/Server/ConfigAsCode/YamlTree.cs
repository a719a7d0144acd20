using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace Linkwatch.Server.ConfigAsCode;

/// <summary>A YAML document that cannot be read, with where (line and column) and why.</summary>
public sealed class YamlTreeException(string message) : Exception(message);

/// <summary>
/// YAML to and from the JSON tree the API's bodies are read from, so a config file is judged by the same rules as a
/// request. Plain scalars are typed by YAML 1.2's core schema (null, booleans, integers, floats); quoted ones are
/// strings. Reading is bounded: aliases are expanded into copies, and a document with more than
/// <see cref="MaxNodes"/> nodes or nested deeper than <see cref="MaxDepth"/> is refused, so an alias bomb stays small.
/// </summary>
public static partial class YamlTree
{
    public const int MaxNodes = 200_000;
    public const int MaxDepth = 64;

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    /// <summary>The document's root (null for an empty document).</summary>
    public static JsonNode? Parse(string text)
    {
        var parser = new Parser(new StringReader(text));
        var reader = new Reader(parser);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var root = parser.Accept<DocumentEnd>(out _) ? null : reader.Read(0);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
                throw new YamlTreeException($"line {parser.Current?.Start.Line}: one YAML document expected, found another");
            return root;
        }
        catch (YamlException ex)
        {
            throw new YamlTreeException($"line {ex.Start.Line}, column {ex.Start.Column}: {Reason(ex)}");
        }
        // YamlDotNet's scanner throws these too on some malformed input.
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new YamlTreeException($"line {parser.Current?.Start.Line}: not valid YAML ({ex.Message})");
        }
    }

    private static string Reason(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        // YamlDotNet prefixes its messages with the mark again; the caller gives the place once.
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }

    private sealed class Reader(IParser parser)
    {
        private readonly Dictionary<string, JsonNode?> _anchors = new(StringComparer.Ordinal);
        private int _nodes;

        public JsonNode? Read(int depth)
        {
            if (depth > MaxDepth)
                throw new YamlTreeException($"line {parser.Current?.Start.Line}: nested deeper than {MaxDepth} levels");
            if (++_nodes > MaxNodes)
                throw new YamlTreeException($"more than {MaxNodes} values (aliases count as copies)");
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
                    throw new YamlTreeException($"line {alias.Start.Line}: alias *{alias.Value.Value} names no anchor");
                _nodes += Count(anchored);
                if (_nodes > MaxNodes)
                    throw new YamlTreeException($"more than {MaxNodes} values (aliases count as copies)");
                return anchored?.DeepClone();
            }
            JsonNode? node;
            AnchorName anchor;
            if (parser.TryConsume<YamlScalar>(out var scalar))
            {
                node = Typed(scalar);
                anchor = scalar.Anchor;
            }
            else if (parser.TryConsume<SequenceStart>(out var sequence))
            {
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                    array.Add(Read(depth + 1));
                node = array;
                anchor = sequence.Anchor;
            }
            else if (parser.TryConsume<MappingStart>(out var mapping))
            {
                var map = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var at = parser.Current?.Start;
                    if (!parser.TryConsume<YamlScalar>(out var key))
                        throw new YamlTreeException($"line {at?.Line}: a key must be a plain value");
                    if (map.ContainsKey(key.Value))
                        throw new YamlTreeException($"line {key.Start.Line}: key '{key.Value}' appears twice in one mapping");
                    map[key.Value] = Read(depth + 1);
                }
                node = map;
                anchor = mapping.Anchor;
            }
            else
            {
                throw new YamlTreeException($"line {parser.Current?.Start.Line}: unexpected {parser.Current?.GetType().Name}");
            }
            if (!anchor.IsEmpty)
                _anchors[anchor.Value] = node;
            return node;
        }

        private static int Count(JsonNode? node) => node switch
        {
            JsonObject o => 1 + o.Sum(p => Count(p.Value)),
            JsonArray a => 1 + a.Sum(Count),
            _ => 1,
        };
    }

    private static JsonNode? Typed(YamlScalar scalar)
    {
        var value = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" or "!!str" || scalar.Style != ScalarStyle.Plain)
            return JsonValue.Create(value);
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (Integer().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return JsonValue.Create(whole);
        if (Float().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            return JsonValue.Create(real);
        return JsonValue.Create(value);
    }

    /// <summary>
    /// The tree as block YAML: mappings in their order, lists of plain values in flow style (<c>[a, b]</c>), strings
    /// quoted only where YAML would read them as something else.
    /// </summary>
    public static string Write(JsonNode? root)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Emit(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                emitter.Emit(new YamlScalar(null, null, "null", ScalarStyle.Plain, true, false));
                break;
            case JsonObject map:
                var flowMap = map.Count == 0;
                emitter.Emit(new MappingStart(null, null, true, flowMap ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, value) in map)
                {
                    EmitString(emitter, key);
                    Emit(emitter, value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case JsonArray list:
                var flow = list.All(v => v is JsonValue value && !(value.TryGetValue<string>(out var s) && s.Contains('\n')));
                emitter.Emit(new SequenceStart(null, null, true, flow ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in list)
                    Emit(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value when value.TryGetValue<string>(out var s):
                EmitString(emitter, s);
                break;
            case JsonValue value when value.TryGetValue<bool>(out var b):
                emitter.Emit(new YamlScalar(null, null, b ? "true" : "false", ScalarStyle.Plain, true, false));
                break;
            case JsonValue value:
                emitter.Emit(new YamlScalar(null, null, value.ToJsonString(), ScalarStyle.Plain, true, false));
                break;
        }
    }

    private static void EmitString(IEmitter emitter, string s)
    {
        var readAsOther = Typed(new YamlScalar(null, null, s, ScalarStyle.Plain, true, false)) is not JsonValue v || !v.TryGetValue<string>(out _);
        var style = s.Contains('\n') ? ScalarStyle.Literal : readAsOther || NeedsQuotes(s) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new YamlScalar(null, null, s, style, true, true));
    }

    // The emitter quotes what plain YAML cannot hold; these it would leave plain though they read differently or badly.
    private static bool NeedsQuotes(string s) =>
        s.Length == 0 || char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1]) || s.Contains(": ", StringComparison.Ordinal)
        || s.Contains(" #", StringComparison.Ordinal) || "-?:,[]{}#&*!|>'\"%@`".Contains(s[0]) || s.Any(char.IsControl);
}

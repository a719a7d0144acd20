using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>
/// Reads one YAML document with YamlDotNet's parser into <see cref="SourceNode"/>s, with bounds on nesting and on the
/// size aliases expand to (so an alias bomb is refused, not expanded), and with merge keys (<c>&lt;&lt;: *defaults</c>).
/// </summary>
internal static class SourceYaml
{
    public static SourceNode? Load(string text, string what)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            var anchors = new Dictionary<string, SourceNode>(StringComparer.Ordinal);
            var root = Read(parser, anchors, 0, what);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw new ImportFormatException($"the file holds more than one YAML document: not {what}");
            return root;
        }
        catch (YamlException e)
        {
            throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                $"the file is not valid YAML (line {e.Start.Line}, column {e.Start.Column}: {e.Message}): not {what}"));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these, instead of a YamlException, on some malformed input.
            throw new ImportFormatException($"the file is not valid YAML ({e.Message}): not {what}");
        }
    }

    private static SourceNode Read(IParser parser, Dictionary<string, SourceNode> anchors, int depth, string what)
    {
        if (depth > ImportLimits.MaxDepth)
            throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                $"the YAML nests deeper than {ImportLimits.MaxDepth} levels (line {parser.Current?.Start.Line}): not {what}"));
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!anchors.TryGetValue(alias.Value.Value, out var target))
                throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"alias *{alias.Value.Value} on line {alias.Start.Line} refers to no anchor: not valid YAML"));
            return target;
        }
        var line = (int)Math.Min(int.MaxValue, parser.Current?.Start.Line ?? 0);
        SourceNode node;
        string? anchor;
        if (parser.TryConsume<YamlScalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new SourceScalar(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, line);
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
            var list = new SourceList(line);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                list.Add(Read(parser, anchors, depth + 1, what));
                CheckSize(list.Size, what);
            }
            node = list;
        }
        else if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
            node = ReadMap(parser, anchors, depth, what, line);
        }
        else
            throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                $"unexpected YAML on line {line}: not {what}"));
        if (anchor is not null)
            anchors[anchor] = node;
        return node;
    }

    private static SourceMap ReadMap(IParser parser, Dictionary<string, SourceNode> anchors, int depth, string what, int line)
    {
        var map = new SourceMap(line);
        var merged = new List<SourceMap>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = Read(parser, anchors, depth + 1, what);
            if (keyNode is not SourceScalar key)
                throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"a mapping key on line {keyNode.Line} is not a plain value: not {what}"));
            var value = Read(parser, anchors, depth + 1, what);
            if (key.Value == "<<" && key.Plain)
            {
                switch (value)
                {
                    case SourceMap one:
                        merged.Add(one);
                        break;
                    case SourceList many when many.Items.All(i => i is SourceMap):
                        merged.AddRange(many.Items.Cast<SourceMap>());
                        break;
                    default:
                        throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                            $"the merge key on line {key.Line} must refer to a mapping or a list of mappings: not valid YAML"));
                }
                continue;
            }
            if (map[key.Value] is not null)
                throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                    $"key \"{ImportChecks.Shown(key.Value)}\" is given twice in the mapping on line {line}: not valid YAML"));
            map.Add(key.Value, value);
            CheckSize(map.Size, what);
        }
        // Keys written in the mapping win over merged ones; earlier merged mappings win over later ones.
        foreach (var source in merged)
            foreach (var (key, value) in source.Entries)
                if (map[key] is null)
                {
                    map.Add(key, value);
                    CheckSize(map.Size, what);
                }
        return map;
    }

    private static void CheckSize(long size, string what)
    {
        if (size > ImportLimits.MaxExpandedNodes)
            throw new ImportFormatException(string.Create(CultureInfo.InvariantCulture,
                $"the YAML expands to more than {ImportLimits.MaxExpandedNodes} nodes through its aliases: not {what}"));
    }
}

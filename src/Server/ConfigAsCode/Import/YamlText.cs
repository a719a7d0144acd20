using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlScalar = YamlDotNet.Core.Events.Scalar;

namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>Writes a <see cref="YamlMap"/> tree as block-style YAML through YamlDotNet's emitter.</summary>
internal static partial class YamlText
{
    public static string Write(YamlMap root)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        WriteValue(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void WriteValue(IEmitter emitter, object value)
    {
        switch (value)
        {
            case YamlMap map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, map.Count == 0 ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var (key, item) in map)
                {
                    WriteString(emitter, key);
                    WriteValue(emitter, item);
                }
                emitter.Emit(new MappingEnd());
                break;
            case string text:
                WriteString(emitter, text);
                break;
            case bool flag:
                WritePlain(emitter, flag ? "true" : "false");
                break;
            case int or long:
                WritePlain(emitter, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case double number:
                WritePlain(emitter, number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IEnumerable list:
                var items = list.Cast<object>().ToList();
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in items)
                    WriteValue(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            default:
                WriteString(emitter, Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                break;
        }
    }

    private static void WritePlain(IEmitter emitter, string text) =>
        emitter.Emit(new YamlScalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));

    // A string that a YAML reader would take for null, a boolean, a number or a date is quoted, so that it stays a
    // string whatever schema reads it; anything else is left to the emitter, which quotes only what plain style cannot hold.
    private static void WriteString(IEmitter emitter, string text) =>
        emitter.Emit(new YamlScalar(AnchorName.Empty, TagName.Empty, text,
            LooksLikeNonString(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, true, true));

    private static bool LooksLikeNonString(string text) => text.Length == 0 || NonStringPattern().IsMatch(text);

    [GeneratedRegex(@"^(~|null|true|false|yes|no|on|off|y|n|[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|nan)|0x[0-9a-f_]+|0o?[0-7_]+|0b[01_]+|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|[0-9:]+)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NonStringPattern();
}

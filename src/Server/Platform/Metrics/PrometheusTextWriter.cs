using System.Globalization;
using System.Text;

namespace Linkwatch.Server.Platform.Metrics;

/// <summary>
/// The Prometheus text exposition format 0.0.4, as much of it as /metrics needs: counters and gauges
/// without timestamps. prometheus-net is not on the package mirror, so this is ours; a test runs
/// <c>promtool check metrics</c> on its output.
/// </summary>
public sealed class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new();
    private readonly HashSet<string> _families = new(StringComparer.Ordinal);
    private string? _current;

    /// <summary>
    /// Starts a metric family with its HELP and TYPE lines; the samples that follow belong to it.
    /// Each family may start once: the format needs all of a family's samples together.
    /// </summary>
    public PrometheusTextWriter Family(string name, MetricType type, string help)
    {
        if (!IsMetricName(name))
            throw new ArgumentException($"'{name}' is not a valid metric name", nameof(name));
        if (!_families.Add(name))
            throw new InvalidOperationException($"metric family '{name}' was written already");
        _current = name;
        _text.Append("# HELP ").Append(name).Append(' ');
        AppendEscaped(help, escapeQuote: false);
        _text.Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type == MetricType.Counter ? "counter" : "gauge").Append('\n');
        return this;
    }

    /// <summary>One sample of the current family.</summary>
    public PrometheusTextWriter Sample(double value, params ReadOnlySpan<(string Name, string Value)> labels)
    {
        var name = _current ?? throw new InvalidOperationException("call Family before Sample");
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (var i = 0; i < labels.Length; i++)
            {
                var (label, labelValue) = labels[i];
                if (!IsLabelName(label))
                    throw new ArgumentException($"'{label}' is not a valid label name", nameof(labels));
                if (i > 0)
                    _text.Append(',');
                _text.Append(label).Append("=\"");
                AppendEscaped(labelValue, escapeQuote: true);
                _text.Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(FormatValue(value)).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>Go's ParseFloat reads this back exactly: shortest round-trip digits, invariant culture, <c>+Inf</c>/<c>-Inf</c>/<c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    /// <summary>A label value as it appears between the quotes: backslash, double quote and line feed escaped.</summary>
    public static string EscapeLabelValue(string value)
    {
        var writer = new PrometheusTextWriter();
        writer.AppendEscaped(value, escapeQuote: true);
        return writer._text.ToString();
    }

    private void AppendEscaped(string value, bool escapeQuote)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    _text.Append(@"\\");
                    break;
                case '\n':
                    _text.Append(@"\n");
                    break;
                case '"' when escapeQuote:
                    _text.Append("\\\"");
                    break;
                default:
                    _text.Append(c);
                    break;
            }
        }
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static bool IsLabelName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && !name.StartsWith("__", StringComparison.Ordinal)
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}

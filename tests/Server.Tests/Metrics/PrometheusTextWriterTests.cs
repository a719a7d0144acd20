using Linkwatch.Server.Platform.Metrics;

namespace Linkwatch.Server.Tests.Metrics;

public sealed class PrometheusTextWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData(@"C:\path", @"C:\\path")]
    [InlineData("say \"hi\"", "say \\\"hi\\\"")]
    [InlineData("two\nlines", @"two\nlines")]
    [InlineData("\\\"\n", "\\\\\\\"\\n")]
    [InlineData("tab\tand ünïcode → ok", "tab\tand ünïcode → ok")]
    public void Label_values_escape_backslash_quote_and_line_feed(string value, string expected) =>
        Assert.Equal(expected, PrometheusTextWriter.EscapeLabelValue(value));

    [Fact]
    public void Help_escapes_backslash_and_line_feed_but_not_quotes()
    {
        var text = new PrometheusTextWriter().Family("m", MetricType.Gauge, "a \\ b\n\"c\"").ToString();

        Assert.Equal("# HELP m a \\\\ b\\n\"c\"\n# TYPE m gauge\n", text);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.0015, "0.0015")]
    [InlineData(1_795_000_000.123, "1795000000.123")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Values_use_the_invariant_culture_and_prometheus_spellings(double value, string expected)
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Samples_follow_their_family_with_labels_in_order()
    {
        var text = new PrometheusTextWriter()
            .Family("x_total", MetricType.Counter, "Things.").Sample(3)
            .Family("y", MetricType.Gauge, "Why.").Sample(0.5, ("a", "1"), ("b", "q\"")).ToString();

        Assert.Equal("# HELP x_total Things.\n# TYPE x_total counter\nx_total 3\n# HELP y Why.\n# TYPE y gauge\ny{a=\"1\",b=\"q\\\"\"} 0.5\n", text);
    }

    [Fact]
    public void A_family_written_twice_or_a_bad_name_is_a_programming_error()
    {
        var writer = new PrometheusTextWriter().Family("m", MetricType.Gauge, "M.");

        Assert.Throws<InvalidOperationException>(() => writer.Family("m", MetricType.Gauge, "again"));
        Assert.Throws<ArgumentException>(() => writer.Family("1bad", MetricType.Gauge, "digit first"));
        Assert.Throws<ArgumentException>(() => writer.Sample(1, ("bad-label", "v")));
        Assert.Throws<InvalidOperationException>(() => new PrometheusTextWriter().Sample(1));
    }
}

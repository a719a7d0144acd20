namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>A scalar of an imported YAML file, with whether it was written plain.</summary>
internal sealed class SourceScalar(string value, bool plain, int line) : SourceNode(line)
{
    public string Value { get; } = value;

    /// <summary>Unquoted and untagged, so that <c>true</c>, <c>3</c> or <c>null</c> mean what YAML says they mean.</summary>
    public bool Plain { get; } = plain;

    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public override long Size => 1;
}

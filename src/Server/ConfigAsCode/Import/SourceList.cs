namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>A sequence of an imported YAML file.</summary>
internal sealed class SourceList(int line) : SourceNode(line)
{
    private long _size = 1;

    public List<SourceNode> Items { get; } = [];

    public override long Size => _size;

    public void Add(SourceNode value)
    {
        Items.Add(value);
        _size += value.Size;
    }
}

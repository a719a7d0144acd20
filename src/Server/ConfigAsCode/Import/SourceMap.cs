namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>A mapping of an imported YAML file, in the file's order, with its keys indexed.</summary>
internal sealed class SourceMap(int line) : SourceNode(line)
{
    private readonly Dictionary<string, SourceNode> _index = new(StringComparer.Ordinal);
    private long _size = 1;

    public List<KeyValuePair<string, SourceNode>> Entries { get; } = [];

    public override long Size => _size;

    public SourceNode? this[string key] => _index.GetValueOrDefault(key);

    public void Add(string key, SourceNode value)
    {
        _index[key] = value;
        Entries.Add(new(key, value));
        _size += value.Size + 1;
    }
}

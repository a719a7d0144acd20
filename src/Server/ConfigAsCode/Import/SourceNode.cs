namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>A node of an imported YAML file: a scalar, a mapping or a sequence.</summary>
internal abstract class SourceNode(int line)
{
    /// <summary>1-based line of the node in the file.</summary>
    public int Line { get; } = line;

    /// <summary>Nodes in this subtree, each alias counted as the whole subtree it stands for.</summary>
    public abstract long Size { get; }
}

namespace Linkwatch.Shared.Kinds.Tcp;

/// <summary>Options of the <c>tcp</c> kind: none yet; connecting is the whole check.</summary>
public sealed record TcpOptions
{
    public static TcpOptions Read(CheckOptionReader reader) => new();
}

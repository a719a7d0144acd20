namespace Linkwatch.Shared;

/// <summary>Phase names of a result's timings, in milliseconds.</summary>
public static class Phases
{
    public const string Resolve = "resolve";
    public const string Connect = "connect";
    public const string Tls = "tls";
    public const string FirstByte = "first_byte";
    public const string Total = "total";
}

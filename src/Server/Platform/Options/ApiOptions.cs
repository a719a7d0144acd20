namespace Linkwatch.Server.Platform.Options;

/// <summary>The <c>Api</c> section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>An API key from configuration, for automation and the first start.</summary>
    public string? BootstrapKey { get; set; }
}

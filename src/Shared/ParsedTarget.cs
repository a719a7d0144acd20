namespace Linkwatch.Shared;

/// <summary>A validated check target.</summary>
public sealed record ParsedTarget(string Host, int Port, Uri? Url)
{
    /// <summary>A mesh target (<c>@all</c> or <c>@NAME</c>) that the server expands per agent.</summary>
    public bool IsMesh => Host.StartsWith('@');
}

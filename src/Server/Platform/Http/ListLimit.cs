namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// How many rows a list endpoint returns: <see cref="Default"/> when the caller does not say, and at most
/// <see cref="Max"/>; a larger <c>limit</c> is capped, not refused, so a script asking for "everything" still works.
/// </summary>
public sealed record ListLimit(int Default, int Max)
{
    /// <summary>A <c>limit</c> query value read strictly: not an integer, or below 1, is an error naming <c>limit</c>.</summary>
    public int Read(ValidationErrors errors, string? text)
    {
        var limit = (int)Math.Clamp(errors.Integer("limit", text) ?? Default, 0, Max);
        if (limit < 1 && !errors.Has("limit"))
            errors.Set("limit", "limit must be at least 1");
        return limit;
    }

    /// <summary>An already typed <c>limit</c>, read leniently: below 1 is 1.</summary>
    public int Clamp(int? limit) => Math.Clamp(limit ?? Default, 1, Max);
}

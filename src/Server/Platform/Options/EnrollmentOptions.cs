namespace Linkwatch.Server.Platform.Options;

/// <summary>The <c>Enrollment</c> section.</summary>
public sealed class EnrollmentOptions
{
    public const string Section = "Enrollment";

    /// <summary>Shared enrollment secret; when unset, <c>POST /api/enroll</c> refuses everyone.</summary>
    public string? Token { get; set; }
}

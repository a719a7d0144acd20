namespace Linkwatch.Server.Notifications;

/// <summary>How one send went. <see cref="StatusCode"/> is the receiver's HTTP status when there was one.</summary>
public sealed record DeliveryResult(bool Success, int? StatusCode, string? Error)
{
    public static DeliveryResult Ok(int? statusCode = null) => new(true, statusCode, null);

    public static DeliveryResult Failed(string error, int? statusCode = null) => new(false, statusCode, error);
}

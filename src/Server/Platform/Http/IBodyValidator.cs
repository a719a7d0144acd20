namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// Judges one kind of request body, naming each bad field in <paramref name="errors"/>. A validator is made for each
/// request from the request's services, so it may take the database or the clock in its constructor; POST and PUT
/// of a resource share one, which keeps "same body as POST" true.
/// </summary>
public interface IBodyValidator<in TBody>
{
    ValueTask ValidateAsync(TBody body, ValidationErrors errors, CancellationToken cancellationToken);
}

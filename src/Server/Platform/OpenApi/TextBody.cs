namespace Linkwatch.Server.Platform.OpenApi;

/// <summary>
/// An endpoint that reads its body as text (a YAML file, a backup) of any content type: documented as such, without
/// the framework's <c>Accepts</c>, which would answer a 415 to another content type before authorization.
/// </summary>
public sealed record TextBody(string Description, params string[] ContentTypes);

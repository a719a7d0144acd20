namespace Linkwatch.Agent.Link;

/// <summary>The server refused this agent's credential (unknown or revoked).</summary>
public sealed class CredentialRefusedException(HttpStatusCode status)
    : Exception($"the server refused this agent's credential (HTTP {(int)status}); it may have been revoked: enroll again");

namespace Linkwatch.Server.Platform.Auth;

/// <summary>Authorization policy names and the claims they check.</summary>
public static class AuthPolicies
{
    public const string Api = "api";
    public const string Agent = "agent";
    public const string Enroll = "enroll";

    /// <summary>Which kind of token authenticated the caller: one of the policy names.</summary>
    public const string KindClaim = "lw:kind";
    /// <summary>The id of the API key a request came with (absent for the bootstrap key).</summary>
    public const string ApiKeyIdClaim = "lw:api-key-id";
    public const string AgentIdClaim = "lw:agent-id";
    public const string AgentNameClaim = "lw:agent-name";
    /// <summary>On an enroll principal: the id of the single-use token it presented; absent for the shared token.</summary>
    public const string EnrollmentTokenIdClaim = "lw:enrollment-token-id";
}

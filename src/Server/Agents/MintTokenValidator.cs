namespace Linkwatch.Server.Agents;

/// <summary>What a token may be minted with; the endpoint and the dashboard's form judge with this one validator.</summary>
public sealed class MintTokenValidator : IBodyValidator<MintTokenBody>
{
    public ValueTask ValidateAsync(MintTokenBody body, ValidationErrors errors, CancellationToken cancellationToken)
    {
        // The name an enrollment will register, so the enrollment's own rule.
        errors.AgentName("name", body.Name);
        errors.Range("expiresInMinutes", body.ExpiresInMinutes, EnrollmentTokens.MinExpiresInMinutes, EnrollmentTokens.MaxExpiresInMinutes);
        return ValueTask.CompletedTask;
    }
}

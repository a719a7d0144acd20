namespace Linkwatch.Server.Agents;

/// <summary>An agent's labels by the rule every label set follows; the endpoint and the dashboard share it.</summary>
public sealed class AgentLabelsValidator : IBodyValidator<AgentLabelsBody>
{
    public ValueTask ValidateAsync(AgentLabelsBody body, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (body.Labels is null)
            errors.Set("labels", "labels is required ({} clears them)");
        else
            errors.Labels(body.Labels);
        return ValueTask.CompletedTask;
    }
}

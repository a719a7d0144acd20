using System.Net;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Agents.Embedded;

public sealed class EmbeddedAgentOptionsValidator : IValidateOptions<EmbeddedAgentOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddedAgentOptions options)
    {
        var errors = new List<string>();
        if (!Names.IsValidAgentName(options.Name))
            errors.Add($"{EmbeddedAgentOptions.Section}:Name '{options.Name}' must be {Names.Rule}.");
        if (!IPAddress.TryParse(options.ResponderAddress.Trim('[', ']'), out _))
            errors.Add($"{EmbeddedAgentOptions.Section}:ResponderAddress '{options.ResponderAddress}' is not an IP address.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

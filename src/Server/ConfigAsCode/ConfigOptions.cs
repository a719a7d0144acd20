using Microsoft.Extensions.Options;

namespace Linkwatch.Server.ConfigAsCode;

/// <summary>The <c>Config</c> section: <c>Config:File</c>, a config-as-code YAML file applied at every start.</summary>
public sealed class ConfigOptions
{
    public const string Section = "Config";

    /// <summary>Absolute, or relative to the working directory.</summary>
    public string? File { get; set; }
}

/// <summary>A file that is named must be there when the server starts; its content is judged once the store is open.</summary>
public sealed class ConfigOptionsValidator : IValidateOptions<ConfigOptions>
{
    public ValidateOptionsResult Validate(string? name, ConfigOptions options)
    {
        if (options.File is null)
            return ValidateOptionsResult.Success;
        if (options.File.Trim().Length == 0)
            return ValidateOptionsResult.Fail("Config:File must name a YAML file, not be empty.");
        var path = Path.GetFullPath(options.File);
        return System.IO.File.Exists(path)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Config:File names {path}, which does not exist.");
    }
}

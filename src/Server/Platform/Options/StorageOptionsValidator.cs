using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Options;

/// <summary>Rejects storage settings that cannot work, naming the configuration key.</summary>
public sealed class StorageOptionsValidator(IConfiguration configuration) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var errors = new List<string>();
        if (!string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase) && !options.IsPostgres)
            errors.Add($"Storage:Provider must be 'sqlite' or 'postgres', not '{options.Provider}'.");
        if (string.IsNullOrWhiteSpace(options.DataDir))
            errors.Add("Storage:DataDir must not be empty.");
        if (options.RawRetentionDays < 1)
            errors.Add("Storage:RawRetentionDays must be at least 1.");
        if (options.MinuteRetentionDays < 1)
            errors.Add("Storage:MinuteRetentionDays must be at least 1.");
        if (options.HourRetentionDays < 1)
            errors.Add("Storage:HourRetentionDays must be at least 1.");
        if (options.DayRetentionDays < 0)
            errors.Add("Storage:DayRetentionDays must be 0 (forever) or more.");
        if (options.IsPostgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres")))
            errors.Add("ConnectionStrings:Postgres is required when Storage:Provider is 'postgres'.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

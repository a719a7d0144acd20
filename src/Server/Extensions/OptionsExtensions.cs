using Linkwatch.Server.Options;
using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Extensions;

public static class OptionsExtensions
{
    /// <summary>
    /// One options class per section, validated when the host starts. Unknown keys in a section are
    /// errors too: a typo must not silently fall back to a default.
    /// </summary>
    public static IServiceCollection AddLinkwatchOptions(this IServiceCollection services)
    {
        Add<StorageOptions, StorageOptionsValidator>(services, StorageOptions.Section);
        Add<EnrollmentOptions, EnrollmentOptionsValidator>(services, EnrollmentOptions.Section);
        Add<ApiOptions, ApiOptionsValidator>(services, ApiOptions.Section);
        Add<EmbeddedAgentOptions, EmbeddedAgentOptionsValidator>(services, EmbeddedAgentOptions.Section);
        Add<AlertsOptions, AlertsOptionsValidator>(services, AlertsOptions.Section);
        services.AddSingleton<GeneratedSecrets>();
        services.AddSingleton<IPostConfigureOptions<ApiOptions>>(sp => sp.GetRequiredService<GeneratedSecrets>());
        services.AddSingleton<IPostConfigureOptions<EnrollmentOptions>>(sp => sp.GetRequiredService<GeneratedSecrets>());
        return services;
    }

    private static void Add<TOptions, TValidator>(IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}

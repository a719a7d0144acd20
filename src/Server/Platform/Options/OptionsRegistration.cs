using Microsoft.Extensions.Options;

namespace Linkwatch.Server.Platform.Options;

public static class OptionsRegistration
{
    /// <summary>
    /// One options class per section, validated when the host starts. Unknown keys in a section are
    /// errors too: a typo must not silently fall back to a default.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services;
    }
}

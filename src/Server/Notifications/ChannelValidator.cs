using System.Text.Json;
using static Linkwatch.Server.Notifications.ChannelsApi;

namespace Linkwatch.Server.Notifications;

/// <summary>
/// The body of POST and PUT <c>/api/channels</c> (and of the dashboard's channel form). Unlike other bodies its
/// settings depend on the channel it replaces: an omitted secret keeps the stored one, so the stored channel is
/// part of the judgement.
/// </summary>
public static class ChannelValidator
{
    public sealed record ValidChannel(string Name, INotificationChannel Provider, JsonElement Settings);

    /// <summary>Name, type and settings checked together, so one answer names every bad field.</summary>
    public static async Task<(ValidChannel? Channel, Dictionary<string, string[]> Errors)> CheckAsync(
        ChannelBody body, AlertChannel? stored, LinkwatchDbContext db, ChannelRegistry registry,
        ChannelSettingsProtection protection, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = errors.Name(body.Name);
        if (!errors.Has("name") && await db.Channels.AnyAsync(c => c.Name == name && c.Id != (stored == null ? 0 : stored.Id), cancellationToken))
            errors.Set("name", $"a channel named '{name}' exists already");
        var provider = body.Type is null ? null : registry.Find(body.Type);
        if (provider is null)
            errors.Set("type", $"type must be one of: {string.Join(", ", registry.Types.Order(StringComparer.Ordinal))}");
        var settings = body.Settings ?? JsonDocument.Parse("{}").RootElement;
        if (provider is not null)
        {
            if (stored?.Type == provider.Type)
                settings = ChannelSecrets.KeepOmitted(settings, protection.Reveal(stored.Settings) ?? "{}", provider);
            ValidateSettings(provider, settings, errors);
        }
        var found = errors.Fields.ToDictionary();
        return found.Count > 0 ? (null, found) : (new ValidChannel(name!, provider!, settings), found);
    }

    /// <summary>The provider's judgement of its settings, each bad one named <c>settings.field</c>.</summary>
    public static void ValidateSettings(INotificationChannel provider, JsonElement settings, ValidationErrors errors)
    {
        foreach (var field in provider.Validate(settings).GroupBy(e => e.Field.Length == 0 ? "settings" : "settings." + e.Field))
            foreach (var message in field.Select(e => e.Message).Distinct())
                errors.Add(field.Key, message);
    }
}

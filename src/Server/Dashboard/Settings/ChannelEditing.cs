using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Notifications.Channels;
using static Linkwatch.Server.Notifications.ChannelsApi;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>The channel form's fields as typed: the name, the type, and the type's settings as text.</summary>
public sealed class ChannelDraft
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "webhook";
    public Dictionary<string, string> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Settings of the stored channel shown masked; left empty, a secret keeps its stored value.</summary>
    public static ChannelDraft From(ChannelDto channel, INotificationChannel? provider)
    {
        var draft = new ChannelDraft { Name = channel.Name, Type = channel.Type };
        if (channel.Settings.ValueKind == JsonValueKind.Object)
        {
            foreach (var setting in channel.Settings.EnumerateObject())
            {
                if (provider?.SecretFields.Contains(setting.Name) == true)
                    continue;
                draft.Settings[setting.Name] = setting.Value.ValueKind == JsonValueKind.Array
                    ? string.Join(", ", setting.Value.EnumerateArray().Select(FieldText.Option))
                    : FieldText.Option(setting.Value);
            }
        }
        return draft;
    }

    public ChannelBody ToBody(IReadOnlyList<SettingField> fields)
    {
        var settings = new JsonObject();
        foreach (var field in fields)
        {
            if (Settings.GetValueOrDefault(field.Name)?.Trim() is not { Length: > 0 } text)
                continue;
            settings[field.Name] = field.Kind switch
            {
                SettingKind.Number when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
                SettingKind.List => new JsonArray([.. text.Split([',', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(item => (JsonNode?)JsonValue.Create(item))]),
                _ => text,
            };
        }
        return new ChannelBody(Name, Type, JsonSerializer.SerializeToElement(settings));
    }
}

/// <summary>Channels from the dashboard: the channels API's handlers and validator, its test action and delivery log.</summary>
public sealed class ChannelEditing(DashboardChanges changes, ChannelRegistry registry)
{
    public IReadOnlyList<string> Types => [.. registry.Types.Order(StringComparer.Ordinal)];

    public INotificationChannel? Provider(string type) => registry.Find(type);

    public IReadOnlyList<SettingField> FieldsOf(string type) => registry.Find(type)?.Fields ?? [];

    public async Task<ChannelDto?> SaveAsync(long? id, ChannelDraft draft, FormErrors errors, CancellationToken cancellationToken)
    {
        var body = draft.ToBody(FieldsOf(draft.Type));
        var outcome = await changes.RunAsync<ChannelDto>(Policies.Edit, async (services, ct) =>
        {
            var db = services.GetRequiredService<LinkwatchDbContext>();
            var protection = services.GetRequiredService<ChannelSettingsProtection>();
            return id is { } existing
                ? await ChannelsApi.UpdateAsync(existing, body, db, registry, protection, ct)
                : await ChannelsApi.CreateAsync(body, db, registry, protection, services.GetRequiredService<TimeProvider>(), ct);
        }, cancellationToken);
        return errors.Take(outcome) ? outcome.Value : null;
    }

    public Task<List<ChannelDto>> ListAsync(CancellationToken cancellationToken) =>
        changes.ReadAsync(async (services, ct) => (await ChannelsApi.ListAsync(
            services.GetRequiredService<LinkwatchDbContext>(), registry, services.GetRequiredService<ChannelSettingsProtection>(), ct)).Value!,
            cancellationToken);

    public async Task<ChannelDto?> GetAsync(long id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).FirstOrDefault(c => c.Id == id);

    public Task<ChangeOutcome<object>> DeleteAsync(long id, CancellationToken cancellationToken) =>
        changes.RunAsync<object>(Policies.Edit, async (services, ct) =>
            await ChannelsApi.DeleteAsync(id, services.GetRequiredService<LinkwatchDbContext>(), ct), cancellationToken);

    /// <summary>One attempt, as <c>POST /api/channels/{id}/test</c> makes it; the delivery is in the log like any other.</summary>
    public Task<ChangeOutcome<DeliveryDto>> TestAsync(long id, CancellationToken cancellationToken) =>
        changes.RunAsync<DeliveryDto>(Policies.Edit, (services, ct) =>
            HandlerCall.InvokeAsync(ChannelsApi.TestAsync, services, id, null, ct), cancellationToken);

    public Task<List<DeliveryDto>> DeliveriesAsync(long? channelId, int limit, CancellationToken cancellationToken) =>
        changes.ReadAsync(async (services, ct) =>
            (await ChannelsApi.DeliveriesAsync(null, channelId, limit, services.GetRequiredService<LinkwatchDbContext>(), ct)).Value!, cancellationToken);
}

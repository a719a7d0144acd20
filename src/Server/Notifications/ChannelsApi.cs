using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Notifications;

/// <summary><c>/api/channels</c>: notification channels, their test action and the delivery log.</summary>
public static class ChannelsApi
{
    public sealed record ChannelBody(string? Name, string? Type, JsonElement? Settings);

    public sealed record ChannelDto(long Id, string Name, string Type, JsonElement Settings, DateTimeOffset CreatedAt);

    public sealed record DeliveryDto(
        long Id, long? AlertId, long ChannelId, string Event, int Attempt, DateTimeOffset At, bool Success, int? StatusCode,
        string? Error, double DurationMs);

    private const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/channels").RequireAuthorization(Policies.View);
        api.MapPost("/", CreateAsync).RequireAuthorization(Policies.Edit);
        api.MapGet("/", ListAsync);
        api.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Edit);
        api.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Edit);
        // Sending a test message is a change to the outside world: editors, like creating the channel.
        api.MapPost("/{id:long}/test", TestAsync).RequireAuthorization(Policies.Edit);
        app.MapGet("/api/deliveries", DeliveriesAsync).RequireAuthorization(Policies.View);
        return app;
    }

    public static async Task<Results<Created<ChannelDto>, ValidationProblem>> CreateAsync(
        HttpContext context, LinkwatchDbContext db, ChannelRegistry registry, TimeProvider time)
    {
        var (valid, errors) = await ReadAsync(context, null, db, registry);
        if (valid is null)
            return TypedResults.ValidationProblem(errors);

        var channel = new AlertChannel
        {
            Name = valid.Name,
            Type = valid.Provider.Type,
            Settings = valid.Settings.GetRawText(),
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Created($"/api/channels/{channel.Id}", ToDto(channel, registry));
    }

    /// <summary>
    /// <c>PUT /api/channels/{id}</c>: the same body as POST, replacing name, type and settings. A secret the body
    /// omits keeps its stored value while the type stays the same, so a client never needs to know it.
    /// </summary>
    public static async Task<Results<Ok<ChannelDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, HttpContext context, LinkwatchDbContext db, ChannelRegistry registry)
    {
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == id, context.RequestAborted);
        if (channel is null)
            return NotFound(id);
        var (valid, errors) = await ReadAsync(context, channel, db, registry);
        if (valid is null)
            return TypedResults.ValidationProblem(errors);

        channel.Name = valid.Name;
        channel.Type = valid.Provider.Type;
        channel.Settings = valid.Settings.GetRawText();
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Ok(ToDto(channel, registry));
    }

    private sealed record ValidChannel(string Name, INotificationChannel Provider, JsonElement Settings);

    /// <summary>The body of a POST or PUT, read and checked; <paramref name="stored"/> is the channel a PUT replaces.</summary>
    private static async Task<(ValidChannel? Channel, Dictionary<string, string[]> Errors)> ReadAsync(
        HttpContext context, AlertChannel? stored, LinkwatchDbContext db, ChannelRegistry registry)
    {
        var (body, errors) = await JsonBody.ReadAsync<ChannelBody>(context);
        return errors is not null ? (null, errors) : await CheckAsync(body!, stored, db, registry, context.RequestAborted);
    }

    /// <summary>Name, type and settings checked together, so one response names every bad field.</summary>
    private static async Task<(ValidChannel? Channel, Dictionary<string, string[]> Errors)> CheckAsync(
        ChannelBody body, AlertChannel? stored, LinkwatchDbContext db, ChannelRegistry registry, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors["name"] = ["name is required"];
        else if (name.Length > MaxNameLength)
            errors["name"] = [$"name must be at most {MaxNameLength} characters"];
        else if (await db.Channels.AnyAsync(c => c.Name == name && c.Id != (stored == null ? 0 : stored.Id), cancellationToken))
            errors["name"] = [$"a channel named '{name}' exists already"];
        var provider = body.Type is null ? null : registry.Find(body.Type);
        if (provider is null)
            errors["type"] = [$"type must be one of: {string.Join(", ", registry.Types.Order(StringComparer.Ordinal))}"];
        var settings = body.Settings ?? JsonDocument.Parse("{}").RootElement;
        if (provider is not null)
        {
            if (stored?.Type == provider.Type)
                settings = ChannelSecrets.KeepOmitted(settings, stored.Settings, provider);
            foreach (var field in provider.Validate(settings).GroupBy(e => e.Field.Length == 0 ? "settings" : "settings." + e.Field))
                errors[field.Key] = [.. field.Select(e => e.Message).Distinct()];
        }
        return errors.Count > 0 ? (null, errors) : (new ValidChannel(name!, provider!, settings), errors);
    }

    public static async Task<Ok<List<ChannelDto>>> ListAsync(LinkwatchDbContext db, ChannelRegistry registry, CancellationToken cancellationToken)
    {
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(channels.Select(c => ToDto(c, registry)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var deleted = await db.Channels.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? NotFound(id) : TypedResults.NoContent();
    }

    /// <summary>One attempt, no retries, so the caller learns at once whether the channel works; it is logged like any delivery.</summary>
    public static async Task<Results<Ok<DeliveryDto>, ProblemHttpResult>> TestAsync(
        long id, LinkwatchDbContext db, ChannelSender sender, TimeProvider time, CancellationToken cancellationToken)
    {
        var channel = await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (channel is null)
            return NotFound(id);
        var notification = new Notification(
            NotificationEvents.Test, null, "test", null, channel.Name, null, "test", "test", time.GetUtcNow(), null);
        var delivery = await sender.SendAsync(channel, notification, 1, cancellationToken);
        return TypedResults.Ok(ToDto(delivery));
    }

    /// <summary><c>GET /api/deliveries?alertId=&amp;channelId=&amp;limit=</c>: the delivery log, newest first.</summary>
    public static async Task<Ok<List<DeliveryDto>>> DeliveriesAsync(
        long? alertId, long? channelId, int? limit, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var query = db.Deliveries.AsNoTracking();
        if (alertId is { } a)
            query = query.Where(d => d.AlertId == a);
        if (channelId is { } c)
            query = query.Where(d => d.ChannelId == c);
        var rows = await query.OrderByDescending(d => d.Id).Take(Math.Clamp(limit ?? 100, 1, 10_000)).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ToDto).ToList());
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"no channel with id {id}");

    public static DeliveryDto ToDto(Delivery d) => new(
        d.Id, d.AlertId, d.ChannelId, d.Event, d.Attempt, Time.FromMs(d.At), d.Success, d.StatusCode, d.Error, d.DurationMs);

    private static ChannelDto ToDto(AlertChannel c, ChannelRegistry registry) =>
        new(c.Id, c.Name, c.Type, ChannelSecrets.Masked(c.Settings, registry.Find(c.Type)), Time.FromMs(c.CreatedAt));
}

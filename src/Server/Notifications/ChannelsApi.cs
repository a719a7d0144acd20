using System.Text.Json;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Linkwatch.Server.Platform.Store;
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

    /// <summary>Settings keys whose values are credentials: listed as "***", never echoed back.</summary>
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "secret", "token", "botToken", "password", "routingKey", "appToken",
        // Apprise URLs embed each service's credentials.
        "urls",
    };

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/channels").RequireAuthorization(AuthPolicies.Api);
        api.MapPost("/", CreateAsync);
        api.MapGet("/", ListAsync);
        api.MapDelete("/{id:long}", DeleteAsync);
        api.MapPost("/{id:long}/test", TestAsync);
        app.MapGet("/api/deliveries", DeliveriesAsync).RequireAuthorization(AuthPolicies.Api);
        return app;
    }

    public static async Task<Results<Created<ChannelDto>, ValidationProblem>> CreateAsync(
        HttpContext context, LinkwatchDbContext db, ChannelRegistry registry, TimeProvider time)
    {
        var (body, errors) = await JsonBody.ReadAsync<ChannelBody>(context);
        if (errors is not null)
            return TypedResults.ValidationProblem(errors);
        errors = [];
        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name))
            errors["name"] = ["name is required"];
        else if (name.Length > MaxNameLength)
            errors["name"] = [$"name must be at most {MaxNameLength} characters"];
        else if (await db.Channels.AnyAsync(c => c.Name == name, context.RequestAborted))
            errors["name"] = [$"a channel named '{name}' exists already"];
        var plugin = body.Type is null ? null : registry.Find(body.Type);
        if (plugin is null)
            errors["type"] = [$"type must be one of: {string.Join(", ", registry.Types.Order(StringComparer.Ordinal))}"];
        var settings = body.Settings ?? JsonDocument.Parse("{}").RootElement;
        if (plugin is not null)
        {
            foreach (var e in plugin.Validate(settings))
                errors[e.Field.Length == 0 ? "settings" : "settings." + e.Field] = [e.Message];
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        var channel = new AlertChannel
        {
            Name = name!,
            Type = plugin!.Type,
            Settings = settings.GetRawText(),
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(context.RequestAborted);
        return TypedResults.Created($"/api/channels/{channel.Id}", ToDto(channel));
    }

    public static async Task<Ok<List<ChannelDto>>> ListAsync(LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(channels.Select(ToDto).ToList());
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

    private static ChannelDto ToDto(AlertChannel c)
    {
        using var settings = JsonDocument.Parse(c.Settings);
        var masked = new System.Text.Json.Nodes.JsonObject();
        if (settings.RootElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in settings.RootElement.EnumerateObject())
                masked[p.Name] = SecretKeys.Contains(p.Name) ? "***" : System.Text.Json.Nodes.JsonNode.Parse(p.Value.GetRawText());
        }
        return new(c.Id, c.Name, c.Type, JsonDocument.Parse(masked.ToJsonString()).RootElement.Clone(), Time.FromMs(c.CreatedAt));
    }
}

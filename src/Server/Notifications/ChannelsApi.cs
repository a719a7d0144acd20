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

    public static IEndpointRouteBuilder MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/channels").RequireAuthorization(Policies.View);
        api.MapPost("/", CreateFromRequestAsync).RequireAuthorization(Policies.Edit).Accepts<ChannelBody>("application/json").Produces<ChannelDto>(StatusCodes.Status201Created).ProducesValidationProblem();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:long}", GetAsync);
        api.MapPut("/{id:long}", UpdateFromRequestAsync).RequireAuthorization(Policies.Edit).Accepts<ChannelBody>("application/json").Produces<ChannelDto>().ProducesValidationProblem();
        api.MapDelete("/{id:long}", DeleteAsync).RequireAuthorization(Policies.Edit);
        // Sending a test message is a change to the outside world: editors, like creating the channel.
        api.MapPost("/{id:long}/test", TestAsync).RequireAuthorization(Policies.Edit);
        app.MapGet("/api/deliveries", DeliveriesAsync).RequireAuthorization(Policies.View);
        return app;
    }

    private static async Task<IResult> CreateFromRequestAsync(
        HttpContext context, LinkwatchDbContext db, ChannelRegistry registry, ChannelSettingsProtection protection, TimeProvider time)
    {
        var (body, errors) = await JsonBody.ReadAsync<ChannelBody>(context);
        return errors is not null ? TypedResults.ValidationProblem(errors) : await CreateAsync(body!, db, registry, protection, time, context.RequestAborted);
    }

    private static async Task<IResult> UpdateFromRequestAsync(
        long id, HttpContext context, LinkwatchDbContext db, ChannelRegistry registry, ChannelSettingsProtection protection)
    {
        var (body, errors) = await JsonBody.ReadAsync<ChannelBody>(context);
        return errors is not null ? TypedResults.ValidationProblem(errors) : await UpdateAsync(id, body!, db, registry, protection, context.RequestAborted);
    }

    /// <summary><c>POST /api/channels</c>, and the dashboard's channel form: one validation, one way to store.</summary>
    public static async Task<Results<Created<ChannelDto>, ValidationProblem>> CreateAsync(
        ChannelBody body, LinkwatchDbContext db, ChannelRegistry registry, ChannelSettingsProtection protection, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (valid, errors) = await ChannelValidator.CheckAsync(body, null, db, registry, protection, cancellationToken);
        if (valid is null)
            return TypedResults.ValidationProblem(errors);

        var channel = new AlertChannel
        {
            Name = valid.Name,
            Type = valid.Provider.Type,
            Settings = protection.Protect(valid.Settings.GetRawText()),
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/channels/{channel.Id}", ToDto(channel, registry, protection));
    }

    /// <summary>
    /// <c>PUT /api/channels/{id}</c>: the same body as POST, replacing name, type and settings. A secret the body
    /// omits keeps its stored value while the type stays the same, so a client never needs to know it.
    /// </summary>
    public static async Task<Results<Ok<ChannelDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        long id, ChannelBody body, LinkwatchDbContext db, ChannelRegistry registry, ChannelSettingsProtection protection,
        CancellationToken cancellationToken)
    {
        var channel = await db.Channels.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (channel is null)
            return NotFound(id);
        var (valid, errors) = await ChannelValidator.CheckAsync(body, channel, db, registry, protection, cancellationToken);
        if (valid is null)
            return TypedResults.ValidationProblem(errors);

        channel.Name = valid.Name;
        channel.Type = valid.Provider.Type;
        // Encryption is randomised: re-encrypting unchanged settings would read as a change (and be audited as one).
        var settings = valid.Settings.GetRawText();
        if (protection.Reveal(channel.Settings) != settings)
            channel.Settings = protection.Protect(settings);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToDto(channel, registry, protection));
    }

    public static async Task<Ok<List<ChannelDto>>> ListAsync(
        LinkwatchDbContext db, ChannelRegistry registry, ChannelSettingsProtection protection, CancellationToken cancellationToken)
    {
        var channels = await db.Channels.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(channels.Select(c => ToDto(c, registry, protection)).ToList());
    }

    public static async Task<Results<Ok<ChannelDto>, ProblemHttpResult>> GetAsync(
        long id, LinkwatchDbContext db, ChannelRegistry registry, ChannelSettingsProtection protection, CancellationToken cancellationToken) =>
        await db.Channels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is { } channel
            ? TypedResults.Ok(ToDto(channel, registry, protection))
            : NotFound(id);

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, LinkwatchDbContext db, CancellationToken cancellationToken)
    {
        return await Tracked.DeleteAsync(db, db.Channels, id, cancellationToken) ? TypedResults.NoContent() : NotFound(id);
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

    /// <summary>Settings that cannot be decrypted show as an empty object: their values are unknown, not lost to a client.</summary>
    public static ChannelDto ToDto(AlertChannel c, ChannelRegistry registry, ChannelSettingsProtection protection) =>
        new(c.Id, c.Name, c.Type, ChannelSecrets.Masked(protection.Reveal(c.Settings) ?? "{}", registry.Find(c.Type)), Time.FromMs(c.CreatedAt));
}

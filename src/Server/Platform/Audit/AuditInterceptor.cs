using System.Globalization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Linkwatch.Server.Platform.Audit;

/// <summary>
/// Writes an <see cref="AuditEntry"/> for every saved change to the configuration (checks, rules, channels, silences,
/// windows, agents, enrollment tokens, API keys), whoever made it and through whatever door (API, dashboard, config),
/// so nothing can change without a line here. What an entry says is read from the change tracker after the save,
/// when new rows have their ids; secrets are named as changed, never shown.
/// </summary>
public sealed class AuditInterceptor(AuditActor actor, TimeProvider time) : SaveChangesInterceptor
{
    private const int MaxSummary = 500;
    private const int MaxValue = 80;

    private List<Pending>? _pending;
    private bool _writing;

    private sealed record Pending(EntityEntry Entry, string Action, string Kind, string? Summary);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Write(eventData.Context) is { } context)
        {
            _writing = true;
            try
            {
                await context.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                _writing = false;
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Write(eventData.Context) is { } context)
        {
            _writing = true;
            try
            {
                context.SaveChanges();
            }
            finally
            {
                _writing = false;
            }
        }
        return result;
    }

    private void Collect(DbContext? context)
    {
        if (_writing || context is null)
            return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || AuditedKinds.Of(entry.Entity) is not { } audited)
                continue;
            var summary = entry.State == EntityState.Modified ? Changes(entry, audited) : Values(entry, audited);
            if (entry.State == EntityState.Modified && summary is null)
                continue;
            (_pending ??= []).Add(new Pending(entry, ActionOf(entry.State), audited.Kind, summary));
        }
    }

    /// <summary>Adds the entries for what was just saved; returns the context when there is something to save.</summary>
    private DbContext? Write(DbContext? context)
    {
        if (_writing || context is null || _pending is not { Count: > 0 } pending)
            return null;
        _pending = null;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var who = actor.Name;
        foreach (var p in pending)
        {
            var audited = AuditedKinds.Of(p.Entry.Entity)!;
            context.Set<AuditEntry>().Add(new AuditEntry
            {
                At = now, Actor = who, Action = p.Action, Kind = p.Kind,
                ObjectId = Convert.ToString(p.Entry.Property("Id").CurrentValue, CultureInfo.InvariantCulture),
                ObjectName = Truncate(audited.Name(p.Entry.Entity), 200), Summary = p.Summary,
            });
        }
        return context;
    }

    private static string ActionOf(EntityState state) => state switch
    {
        EntityState.Added => "created",
        EntityState.Deleted => "deleted",
        _ => "updated",
    };

    /// <summary>"intervalSeconds: 1 → 2; enabled: True → False"; null when only unaudited fields changed.</summary>
    private static string? Changes(EntityEntry entry, AuditedKind audited)
    {
        var parts = new List<string>();
        foreach (var property in entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
        {
            var name = property.Metadata.Name;
            // A secret set for the first time on a row just created (an agent's first credential) is part of its creation.
            if (audited.Ignored.Contains(name) || audited.Secret.Contains(name) && property.OriginalValue is "")
                continue;
            parts.Add(audited.Secret.Contains(name)
                ? $"{Camel(name)} changed"
                : $"{Camel(name)}: {Show(audited, name, property.OriginalValue)} → {Show(audited, name, property.CurrentValue)}");
        }
        return parts.Count == 0 ? null : Truncate(string.Join("; ", parts), MaxSummary);
    }

    /// <summary>What a created or deleted object was: its fields in short.</summary>
    private static string? Values(EntityEntry entry, AuditedKind audited)
    {
        var parts = entry.Properties
            .Where(p => p.Metadata.Name != "Id" && !audited.Ignored.Contains(p.Metadata.Name) && !audited.Secret.Contains(p.Metadata.Name)
                && p.CurrentValue is not null && p.CurrentValue is not "" and not "{}" and not "[]")
            .Select(p => $"{Camel(p.Metadata.Name)}: {Show(audited, p.Metadata.Name, p.CurrentValue)}");
        return Truncate(string.Join("; ", parts), MaxSummary);
    }

    private static string Show(AuditedKind audited, string field, object? value) =>
        Show(audited.Shown is { } shown ? shown(field, value) : value);

    private static string Show(object? value) => value switch
    {
        null => "none",
        string s => Truncate(s, MaxValue)!,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Truncate(value.ToString(), MaxValue) ?? "",
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}

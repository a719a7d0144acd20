namespace Linkwatch.Server.Dashboard;

/// <summary>What the server calls on a browser connected to <c>/hubs/dashboard</c>.</summary>
public interface IDashboardClient
{
    /// <summary>Something the pages show has changed; the browser refreshes the affected fragments.</summary>
    Task Changed(DashboardChange change);
}

using Microsoft.AspNetCore.SignalR;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// <c>/hubs/dashboard</c>: push only, browsers call nothing. Anonymous like the read-only pages it
/// serves; when sign-in arrives it takes the same policy as the pages.
/// </summary>
public sealed class DashboardHub : Hub<IDashboardClient>;

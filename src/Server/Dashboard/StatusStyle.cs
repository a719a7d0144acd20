using MudBlazor;

namespace Linkwatch.Server.Dashboard;

/// <summary>One colour per state on every page: up green, degraded amber, down red, waiting (and anything unknown) grey.</summary>
public static class StatusStyle
{
    public static Color Of(string status) => status switch
    {
        Statuses.Up => Color.Success,
        Statuses.Degraded => Color.Warning,
        Statuses.Down => Color.Error,
        _ => Color.Default,
    };

    /// <summary>An open alert is a down, an acknowledged one is being worked on, a resolved one is up again.</summary>
    public static Color OfAlert(string state) => state switch
    {
        AlertStates.Open => Color.Error,
        AlertStates.Acknowledged => Color.Warning,
        AlertStates.Resolved => Color.Success,
        _ => Color.Default,
    };

    public static Color OfAgent(bool online) => online ? Color.Success : Color.Default;
}

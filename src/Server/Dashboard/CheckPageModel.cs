namespace Linkwatch.Server.Dashboard;

public sealed record CheckPageModel(CheckView Check, CheckResults Results);

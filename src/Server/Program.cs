using Linkwatch.Server.Apis;
using Linkwatch.Server.Extensions;
using Linkwatch.Server.Health;
using Linkwatch.Server.Metrics;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json is found next to the binary, whatever the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddLinkwatchServer();
builder.AddLinkwatchDashboard();

var app = builder.Build();

app.UseLinkwatchServer();

app.MapHealth();
app.MapEnrollApi();
app.MapAgentsApi();
app.MapChecksApi();
app.MapResultsApi();
app.MapAlertsApis();
app.MapAgentHub();
app.MapMetrics();
app.MapDashboard();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

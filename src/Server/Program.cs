using Linkwatch.Server.Accounts;
using Linkwatch.Server.Agents;
using Linkwatch.Server.Alerts;
using Linkwatch.Server.Checks;
using Linkwatch.Server.ConfigAsCode;
using Linkwatch.Server.Dashboard;
using Linkwatch.Server.History;
using Linkwatch.Server.Notifications;
using Linkwatch.Server.Platform;
using Linkwatch.Server.Push;
using Linkwatch.Server.Results;
using Linkwatch.Server.StatusPages;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json is found next to the binary, whatever the working directory.
    ContentRootPath = AppContext.BaseDirectory,
});

builder.AddPlatform();
builder.Services.AddAccounts();
builder.Services.AddAgents();
builder.Services.AddChecks();
builder.Services.AddResults();
builder.Services.AddPush();
builder.Services.AddHistory();
builder.Services.AddStatusPages();
builder.Services.AddAlerts();
builder.Services.AddNotifications();
builder.Services.AddConfigAsCode();
builder.AddDashboard();

var app = builder.Build();

app.UsePlatform();
app.MapPlatform();
app.MapAccounts();
app.MapAgents();
app.MapChecks();
app.MapResults();
app.MapPush();
app.MapHistory();
app.MapStatusPages();
app.MapAlerts();
app.MapNotifications();
app.MapConfigAsCode();
app.MapDashboard();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

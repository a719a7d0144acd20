using Bunit.TestDoubles;
using Linkwatch.Server.Dashboard.Settings;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Linkwatch.Dashboard.Tests;

/// <summary>
/// A bUnit context with MudBlazor's services, the dashboard's change services and a signed-in viewer (tests make
/// them an editor with <see cref="Authorization"/>), and its JS calls answered loosely (there is no browser).
/// MudBlazor's services only dispose asynchronously, so xunit is asked for the asynchronous dispose.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Authorization = AddAuthorization();
        Authorization.SetAuthorized("viewer@test.local");
        Services.AddHttpContextAccessor();
        Services.AddScoped<Linkwatch.Server.Platform.Audit.AuditActor>();
        Services.AddScoped<DashboardChanges>();
        Services.AddScoped<ResourceEditing>();
        Services.AddScoped<CheckEditing>();
    }

    protected BunitAuthorizationContext Authorization { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

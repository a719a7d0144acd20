using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Linkwatch.Dashboard.Tests;

/// <summary>
/// A bUnit context with MudBlazor's services and its JS calls answered loosely (there is no browser).
/// MudBlazor's services only dispose asynchronously, so xunit is asked for the asynchronous dispose.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

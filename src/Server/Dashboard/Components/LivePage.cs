using Linkwatch.Server.Dashboard.Live;
using Microsoft.AspNetCore.Components;

namespace Linkwatch.Server.Dashboard.Components;

/// <summary>
/// A page that shows stored state and follows it live: it loads through a query service, and once its
/// circuit is up it subscribes to the circuit's <see cref="DashboardLive"/> and reloads when a change
/// concerns it. Each load gets its own DI scope (so its own DbContext): a live reload and a navigation
/// can overlap on one circuit, and a context must never be used by two at once, nor live as long as the circuit.
/// </summary>
public abstract class LivePage : ComponentBase, IAsyncDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;

    [Inject] private DashboardLive Live { get; set; } = null!;
    [Inject] private IServiceScopeFactory Scopes { get; set; } = null!;

    /// <summary>Set by the layout once the browser has said where it is; UTC until then.</summary>
    [CascadingParameter] public BrowserClock Clock { get; set; } = BrowserClock.Utc;

    /// <summary>Reads what the page shows (through <see cref="QueryAsync{TService, T}"/>).</summary>
    protected abstract Task LoadAsync();

    /// <summary>Whether a change touches what the page shows; only then does it reload.</summary>
    protected abstract bool Affects(DashboardChange change);

    protected override Task OnParametersSetAsync() => LoadAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        // Prerendering has no circuit and never gets here; a live page subscribes once it is interactive.
        if (firstRender && RendererInfo.IsInteractive)
            _subscription = Live.Subscribe(OnChangeAsync);
    }

    protected async Task<T> QueryAsync<TService, T>(Func<TService, CancellationToken, Task<T>> query) where TService : notnull
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TService>(), _disposed.Token);
    }

    private Task OnChangeAsync(DashboardChange change) => InvokeAsync(async () =>
    {
        if (_disposed.IsCancellationRequested || !Affects(change))
            return;
        await LoadAsync();
        StateHasChanged();
    });

    public virtual ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

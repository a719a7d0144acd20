using System.Text.Json;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using Linkwatch.Shared;

namespace Linkwatch.Server.Tests.Support;

/// <summary>The real server on Kestrel, 127.0.0.1 and an ephemeral port, with its own temp data directory.</summary>
public sealed partial class TestServer : IAsyncDisposable
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string EnrollToken = "test-enroll-token-0123456789";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly WebApplicationFactory<Program> _factory;

    private TestServer(WebApplicationFactory<Program> factory, string dataDir, Uri baseAddress, CapturedLogs logs)
    {
        Logs = logs;
        _factory = factory;
        DataDir = dataDir;
        BaseAddress = baseAddress;
        Api = NewClient(ApiKey);
    }

    public string DataDir { get; }
    /// <summary>Every message the server logged, formatted.</summary>
    public CapturedLogs Logs { get; }
    public Uri BaseAddress { get; }
    /// <summary>Authenticated with the API bootstrap key.</summary>
    public HttpClient Api { get; }
    public IServiceProvider Services => _factory.Services;

    /// <param name="services">Changes to the server's services (a fake clock), applied after its own.</param>
    public static async Task<TestServer> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("linkwatch-server-test-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Storage:DataDir"] = dataDir,
            ["Api:BootstrapKey"] = ApiKey,
            ["Enrollment:Token"] = EnrollToken,
            // The embedded agent has its own tests; here it would only add connections and checks.
            ["EmbeddedAgent:Enabled"] = "false",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
        };
        // A null value removes a default (Admin:* unset: the server generates the first admin).
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            if (v is null)
                all.Remove(k);
            else
                all[k] = v;
        }
        var logs = new CapturedLogs();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseUrls("http://127.0.0.1:0")
            .ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(all))
            .ConfigureServices(s =>
            {
                s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
                services?.Invoke(s);
            }));
        factory.UseKestrel();
        try
        {
            factory.StartServer();
        }
        catch
        {
            await factory.DisposeAsync();
            Directory.Delete(dataDir, true);
            throw;
        }
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new TestServer(factory, dataDir, new Uri(address), logs);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>Creates a check through the API and returns its id.</summary>
    public async Task<long> CreateCheckAsync(object check)
    {
        var response = await Api.PostAsJsonAsync("/api/checks", check);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    public HttpClient NewClient(string? bearer)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout };
        if (bearer is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    public Uri HubUri => new(new Uri(BaseAddress.ToString().Replace("http://", "ws://", StringComparison.Ordinal)), HubPaths.Agent);

    public async Task WaitUntilReadyAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        using var client = NewClient(null);
        while ((await client.GetAsync("/readyz", cts.Token)).StatusCode != HttpStatusCode.OK)
            await Task.Delay(50, cts.Token);
    }

    public async Task<string> EnrollAsync(string name)
    {
        using var client = NewClient(EnrollToken);
        var response = await client.PostAsJsonAsync(HubPaths.Enroll, new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<EnrollResponse>())!.Credential;
    }

    /// <summary>A started hub connection as the agent holding <paramref name="credential"/>.</summary>
    public async Task<HubConnection> ConnectAgentAsync(string credential)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(HubUri, o =>
            {
                // Straight to the WebSocket, as the agent connects: no negotiate round trip.
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Authorization"] = "Bearer " + credential;
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, LinkwatchJsonContext.Default);
                o.PayloadSerializerOptions.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
            })
            .Build();
        // The hub's keep-alive contract, as the agent keeps it: the server gives up a client silent for PeerTimeout.
        connection.KeepAliveInterval = Linkwatch.Shared.Protocol.HubTimeouts.KeepAliveInterval;
        connection.ServerTimeout = Linkwatch.Shared.Protocol.HubTimeouts.PeerTimeout;
        using var cts = new CancellationTokenSource(Timeout);
        await connection.StartAsync(cts.Token);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDir, true);
        }
        catch (IOException)
        {
        }
    }
}

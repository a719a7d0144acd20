using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Linkwatch.Server.Notifications.Channels.Webhook;
using Linkwatch.Server.Tests.Support;
using Linkwatch.Shared;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Linkwatch.Server.Tests;

/// <summary><c>POST /api/backup</c>: a consistent copy of a running store and its keys, and a server restored from it.</summary>
public sealed class BackupTests
{
    private const string HookSecret = "backup-hmac-secret-0123";

    [Fact]
    public async Task A_backup_taken_while_results_stream_restores_to_a_sound_store_that_a_server_serves_with_its_secrets()
    {
        using var receiver = new WebhookReceiver();
        var restored = Directory.CreateTempSubdirectory("linkwatch-restored-").FullName;
        try
        {
            long checkId;
            long channelId;
            await using (var server = await TestServer.StartAsync())
            {
                checkId = await server.CreateCheckAsync(new { name = "streamed", kind = "tcp", target = "s.lan:80", intervalSeconds = 5 });
                using (var created = await server.Api.PostAsJsonAsync("/api/channels",
                    new { name = "hook", type = "webhook", settings = new { url = receiver.Url, secret = HookSecret } }))
                    channelId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
                await using var agent = await server.ConnectAgentAsync(await server.EnrollAsync("streamer"));

                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var acked = 0;
                var streaming = Task.Run(async () =>
                {
                    var at = DateTimeOffset.UtcNow.AddHours(-1);
                    while (!stop.IsCancellationRequested)
                    {
                        var batch = Enumerable.Range(0, 25).Select(_ => TestData.Result(checkId, at = at.AddMilliseconds(10), Statuses.Up, Verdicts.Ok)).ToArray();
                        var ack = await agent.InvokeAsync<ResultAck>(nameof(IAgentHub.SubmitResults), batch).OrTimeout();
                        Interlocked.Add(ref acked, ack.Committed.Count);
                    }
                });
                while (Volatile.Read(ref acked) < 500)
                    await Task.Delay(20).WaitAsync(TestTimeouts.Await);

                byte[]? zip = null;
                for (var i = 0; i < 3; i++)
                {
                    using var response = await server.Api.PostAsync("/api/backup", null);
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
                    zip = await response.Content.ReadAsByteArrayAsync();
                }
                var ackedDuringBackups = Volatile.Read(ref acked);
                await stop.CancelAsync();
                await streaming.WaitAsync(TestTimeouts.Await);
                // Results kept streaming meanwhile; the backup's work files are gone.
                Assert.True(ackedDuringBackups > 500);
                Assert.Empty(Directory.GetFiles(Path.Combine(server.DataDir, "backup-work")));

                using var archive = new ZipArchive(new MemoryStream(zip!));
                Assert.Contains(archive.Entries, e => e.FullName == "linkwatch.db");
                Assert.Contains(archive.Entries, e => e.FullName.StartsWith("keys/key-", StringComparison.Ordinal));
                archive.ExtractToDirectory(restored);
            }

            var copy = Path.Combine(restored, "linkwatch.db");
            long stored;
            await using (var db = new SqliteConnection($"Data Source={copy};Pooling=False"))
            {
                await db.OpenAsync();
                await using var check = db.CreateCommand();
                check.CommandText = "PRAGMA integrity_check;";
                Assert.Equal("ok", await check.ExecuteScalarAsync());
                await using var count = db.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM Results;";
                stored = (long)(await count.ExecuteScalarAsync())!;
            }
            Assert.True(stored >= 500, $"the copy holds {stored} results");

            await using var restoredServer = await TestServer.StartAsync(new Dictionary<string, string?> { ["Storage:DataDir"] = restored });
            var results = await restoredServer.Api.GetFromJsonAsync<JsonElement>($"/api/results?checkId={checkId}&limit=100000");
            Assert.Equal(stored, results.GetArrayLength());
            // The restored keys decrypt the channel's secret: the test message is signed with it.
            using var tested = await restoredServer.Api.PostAsync($"/api/channels/{channelId}/test", null);
            Assert.True((await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").GetBoolean());
            var request = Assert.Single(receiver.Requests);
            Assert.Equal(WebhookChannel.Signature(HookSecret, request.Body), request.Headers[WebhookChannel.SignatureHeader]);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(restored, recursive: true);
        }
    }

    [Fact]
    public async Task An_editor_cannot_take_a_backup_which_holds_every_secret_and_key()
    {
        await using var server = await TestServer.StartAsync();
        using var user = await server.Api.PostAsJsonAsync("/api/users", new { email = "editor@test.local", password = "editor-password-0123", role = "editor" });
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var key = await server.Api.PostAsJsonAsync("/api/api-keys", new { name = "editor key", userId });
        using var editor = server.NewClient((await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());

        using var response = await editor.PostAsync("/api/backup", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}

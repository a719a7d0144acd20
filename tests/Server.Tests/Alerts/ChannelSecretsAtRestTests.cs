using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Linkwatch.Server.Notifications.Channels.Webhook;
using Linkwatch.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Linkwatch.Server.Tests.Alerts;

/// <summary>
/// Channel secrets are encrypted in the store: the database files, read byte by byte as anyone with a copy of them
/// could, hold none of them, while the server itself still delivers with them.
/// </summary>
public sealed class ChannelSecretsAtRestTests
{
    private const string HookSecret = "hmac-secret-at-rest-4711";
    private const string PathSecret = "T000/B000/slack-token-at-rest-0815";
    private const string BotToken = "123456:telegram-token-at-rest";
    private const string SmtpPassword = "smtp-password-at-rest-42";

    [Fact]
    public async Task Channel_secrets_written_through_the_api_are_not_in_the_database_files_and_still_deliver()
    {
        using var receiver = new WebhookReceiver();
        await using var server = await TestServer.StartAsync();
        var hook = await CreateAsync(server, "hook", "webhook", new { url = receiver.Url, secret = HookSecret });
        var chat = await CreateAsync(server, "chat", "slack", new { url = receiver.Url + "/" + PathSecret });
        await CreateAsync(server, "bot", "telegram", new { botToken = BotToken, chatId = 42, apiBaseUrl = receiver.Url });
        await CreateAsync(server, "mail", "email",
            new { host = "127.0.0.1", port = 2525, from = "a@example.org", to = "b@example.org", username = "u", password = SmtpPassword });
        // An update that leaves the secret out keeps it, re-encrypted or not: still not in clear.
        using (var updated = await server.Api.PutAsJsonAsync($"/api/channels/{hook}",
            new { name = "hook-renamed", type = "webhook", settings = new { url = receiver.Url } }))
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        AssertNoSecretIn(server.DataDir);
        foreach (var id in new[] { hook, chat })
        {
            using var tested = await server.Api.PostAsync($"/api/channels/{id}/test", null);
            Assert.True((await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").GetBoolean());
        }
        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        // Signed with the secret the store keeps encrypted.
        Assert.Equal(WebhookChannel.Signature(HookSecret, requests[0].Body), requests[0].Headers[WebhookChannel.SignatureHeader]);
        Assert.Contains(PathSecret, requests[1].RequestLine, StringComparison.Ordinal);
        // Reads show secrets masked; the Slack URL is one of them.
        var listed = await server.Api.GetStringAsync("/api/channels");
        Assert.DoesNotContain(PathSecret, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(BotToken, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_text_settings_from_an_older_store_are_encrypted_at_start_and_keep_working()
    {
        using var receiver = new WebhookReceiver();
        var dataDir = Directory.CreateTempSubdirectory("linkwatch-secrets-upgrade-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Storage:DataDir"] = dataDir };
            await using (await TestServer.StartAsync(settings))
            {
            }
            var clear = JsonSerializer.Serialize(new { url = receiver.Url + "/" + PathSecret, secret = HookSecret });
            await using (var db = new SqliteConnection($"Data Source={Path.Combine(dataDir, "linkwatch.db")};Pooling=False"))
            {
                await db.OpenAsync();
                await using var insert = db.CreateCommand();
                insert.CommandText = "INSERT INTO Channels (Name, Type, Settings, CreatedAt) VALUES ('old', 'webhook', $s, 0)";
                insert.Parameters.AddWithValue("$s", clear);
                await insert.ExecuteNonQueryAsync();
            }
            Assert.Throws<Xunit.Sdk.DoesNotContainException>(() => AssertNoSecretIn(dataDir));

            await using var server = await TestServer.StartAsync(settings);
            AssertNoSecretIn(dataDir);
            var id = (await server.Api.GetFromJsonAsync<JsonElement>("/api/channels"))[0].GetProperty("id").GetInt64();
            using var tested = await server.Api.PostAsync($"/api/channels/{id}/test", null);
            Assert.True((await tested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("success").GetBoolean());
            Assert.Contains(PathSecret, Assert.Single(receiver.Requests).RequestLine, StringComparison.Ordinal);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<long> CreateAsync(TestServer server, string name, string type, object settings)
    {
        using var created = await server.Api.PostAsJsonAsync("/api/channels", new { name, type, settings });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The store and its WAL and shared-memory files, as raw bytes (UTF-8 and, for SQLite's UTF-16 stores, UTF-16).</summary>
    private static void AssertNoSecretIn(string dataDir)
    {
        foreach (var file in Directory.GetFiles(dataDir, "linkwatch.db*"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            foreach (var secret in new[] { HookSecret, PathSecret, BotToken, SmtpPassword })
            {
                Assert.DoesNotContain(secret, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
                Assert.DoesNotContain(secret, Encoding.Unicode.GetString(bytes), StringComparison.Ordinal);
            }
        }
    }
}

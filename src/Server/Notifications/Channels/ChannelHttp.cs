using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Linkwatch.Server.Notifications.Channels;

/// <summary>
/// The one way HTTP providers post. The body is a byte array so the request carries a Content-Length:
/// several receivers (and proxies in front of them) refuse or mishandle chunked uploads.
/// </summary>
public sealed class ChannelHttp(IHttpClientFactory clients)
{
    public Task<DeliveryResult> PostJsonAsync(
        string url, JsonNode body, CancellationToken cancellationToken, Action<HttpRequestMessage, byte[]>? decorate = null) =>
        PostAsync(url, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", cancellationToken, decorate);

    public async Task<DeliveryResult> PostAsync(
        string url, byte[] body, string mediaType, CancellationToken cancellationToken, Action<HttpRequestMessage, byte[]>? decorate = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        decorate?.Invoke(request, body);
        try
        {
            using var response = await clients.CreateClient(NotificationHttp.ClientName).SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return DeliveryResult.Ok(status);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return DeliveryResult.Failed($"HTTP {status}: {(text.Length > 300 ? text[..300] : text)}".TrimEnd(' ', ':'), status);
        }
        catch (HttpRequestException ex)
        {
            return DeliveryResult.Failed(ex.Message);
        }
    }
}

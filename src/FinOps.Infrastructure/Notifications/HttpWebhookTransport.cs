using System.Text;
using FinOps.Application.Notifications;

namespace FinOps.Infrastructure.Notifications;

/// <summary>POSTs a webhook body as JSON with its headers; a timeout or a refused connection is an answer too.</summary>
internal sealed class HttpWebhookTransport(HttpClient http) : IWebhookTransport
{
    public async Task<WebhookAnswer> PostAsync(string url, string body, IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new WebhookAnswer((int)response.StatusCode, text.Length > 2000 ? text[..2000] : text, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new WebhookAnswer(null, null, e.Message);
        }
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SiemActors.Actors.Alerting.Channels;

/// <summary>
/// One POST attempt of a JSON body, turned into a <see cref="DeliveryResult"/>. It never throws for HTTP
/// or network failures (only for cancellation by the caller) and never retries: the alert actor owns
/// retries and backoff. Errors and logs name the destination by host, never by URL.
/// </summary>
internal sealed class HttpChannelSender
{
    private const int MaxBodyRead = 4096;
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly string _channel;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string[] _secrets;

    /// <param name="secrets">Strings that must never appear in a result or a log line (the URL, a routing key).</param>
    public HttpChannelSender(HttpClient http, Uri endpoint, string channel, ILogger logger, TimeProvider? time = null, params string[] secrets)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(logger);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"The {channel} endpoint must be an absolute http(s) URL.", nameof(endpoint));
        _http = http;
        _endpoint = endpoint;
        _channel = channel;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        Host = endpoint.IsDefaultPort ? endpoint.Host : $"{endpoint.Host}:{endpoint.Port}";
        _secrets = [.. secrets.Where(s => !string.IsNullOrEmpty(s)), endpoint.OriginalString, endpoint.AbsoluteUri, endpoint.PathAndQuery];
    }

    /// <summary>Host (and port when not the default), the only part of the destination that is safe to show.</summary>
    public string Host { get; }

    public async Task<DeliveryResult> PostAsync(
        byte[] jsonBody, string alertId, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        request.Content = new ByteArrayContent(jsonBody);
        request.Content.Headers.ContentType = Json;
        if (headers is not null)
        {
            foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        }

        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        Log(result, alertId);
        return result;
    }

    private async Task<DeliveryResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            var body = response.IsSuccessStatusCode ? null : await ReadSnippetAsync(response.Content, cancellationToken).ConfigureAwait(false);
            return HttpDeliveryClassifier.Classify(response.StatusCode, response.ReasonPhrase, response.Headers, Redact(body), _time.GetUtcNow());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            // Not our token: HttpClient.Timeout elapsed.
            return new DeliveryResult.Transient($"timed out after {_http.Timeout.TotalSeconds:0.#} s waiting for {Host}", null);
        }
        catch (HttpRequestException ex)
        {
            var kind = ex.HttpRequestError == HttpRequestError.Unknown ? "network error" : $"network error ({ex.HttpRequestError})";
            return new DeliveryResult.Transient($"{kind} contacting {Host}: {Redact(ex.Message)}", null);
        }
        catch (IOException ex)
        {
            return new DeliveryResult.Transient($"I/O error contacting {Host}: {Redact(ex.Message)}", null);
        }
    }

    /// <summary>The start of an error body, for the error text; never the whole of a large one.</summary>
    private static async Task<string?> ReadSnippetAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[MaxBodyRead];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
                read += n;
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return null; // the status alone still classifies the answer
        }
    }

    private string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
        foreach (var secret in _secrets)
        {
            if (secret.Length > 1) text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }
        return text;
    }

    private void Log(DeliveryResult result, string alertId)
    {
        switch (result)
        {
            case DeliveryResult.Delivered:
                ChannelLog.Delivered(_logger, _channel, alertId, Host);
                break;
            case DeliveryResult.Transient t:
                var hint = t.RetryAfter is { } after ? $"receiver asks to wait {after.TotalSeconds:0.###} s" : "no Retry-After";
                ChannelLog.Transient(_logger, _channel, alertId, Host, hint, t.Error);
                break;
            case DeliveryResult.Permanent p:
                ChannelLog.Permanent(_logger, _channel, alertId, Host, p.Error);
                break;
            default:
                throw new UnreachableException();
        }
    }
}

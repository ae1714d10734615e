using System.Net;
using SiemActors.Actors.Alerting;
using SiemActors.Actors.Alerting.Channels;
using Xunit;

namespace SiemActors.Actors.Tests.Alerting.Channels;

public sealed class HttpDeliveryClassifierTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(200, "Delivered")]
    [InlineData(202, "Delivered")]
    [InlineData(204, "Delivered")]
    [InlineData(408, "Transient")]
    [InlineData(429, "Transient")]
    [InlineData(500, "Transient")]
    [InlineData(502, "Transient")]
    [InlineData(503, "Transient")]
    [InlineData(400, "Permanent")]
    [InlineData(401, "Permanent")]
    [InlineData(404, "Permanent")]
    [InlineData(410, "Permanent")]
    [InlineData(302, "Permanent")]
    public void Status_codes_map_to_outcomes(int status, string expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        var result = HttpDeliveryClassifier.Classify(response.StatusCode, null, response.Headers, "body", Now);
        Assert.Equal(expected, result.GetType().Name);
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData(" 30 ", 30.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("Sat, 01 Mar 2025 12:00:10 GMT", 10.0)]
    [InlineData("Sat, 01 Mar 2025 11:00:00 GMT", 0.0)]
    [InlineData("-5", 0.0)]
    public void Retry_after_reads_seconds_and_dates(string value, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), HttpDeliveryClassifier.ParseRetryAfter(value, Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    public void Unreadable_retry_after_is_no_hint(string? value) =>
        Assert.Null(HttpDeliveryClassifier.ParseRetryAfter(value, Now));

    [Fact]
    public void Typed_retry_after_header_is_used()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.Add("Retry-After", "Sat, 01 Mar 2025 12:01:00 GMT");
        var result = Assert.IsType<DeliveryResult.Transient>(HttpDeliveryClassifier.Classify(response.StatusCode, "Too Many Requests", response.Headers, null, Now));
        Assert.Equal(TimeSpan.FromMinutes(1), result.RetryAfter);
        Assert.Equal("HTTP 429 Too Many Requests", result.Error);
    }

    [Fact]
    public void Permanent_error_carries_a_bounded_single_line_body_snippet()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.BadRequest);
        var body = "invalid_payload\n" + new string('x', 5000);
        var result = Assert.IsType<DeliveryResult.Permanent>(HttpDeliveryClassifier.Classify(response.StatusCode, "Bad Request", response.Headers, body, Now));
        Assert.StartsWith("HTTP 400 Bad Request: invalid_payload x", result.Error);
        Assert.True(result.Error.Length < 400);
        Assert.DoesNotContain("\n", result.Error);
    }
}

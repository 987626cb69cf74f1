using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using SignalHarvester.Worker.Jobs;

namespace SignalHarvester.Tests.Worker;

public sealed class DashboardAuthorizationTests
{
    [Fact]
    public void Development_is_open()
    {
        Assert.True(Authorization(Environments.Development, password: null).Authorize(new DefaultHttpContext()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Basic bm90OmJhc2U2NA")] // not base64 of user:password
    [InlineData("Basic YWRtaW46d3Jvbmc=")] // admin:wrong
    [InlineData("Bearer abc")]
    public void Elsewhere_a_request_without_the_right_credentials_is_refused_with_a_challenge(string? header)
    {
        var http = new DefaultHttpContext();
        if (header is not null)
        {
            http.Request.Headers.Authorization = header;
        }

        Assert.False(Authorization(Environments.Production, "s3cret-pass").Authorize(http));
        Assert.StartsWith("Basic", http.Response.Headers.WWWAuthenticate.ToString());
    }

    [Fact]
    public void Elsewhere_the_configured_credentials_open_it()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:s3cret-pass"));

        Assert.True(Authorization(Environments.Production, "s3cret-pass").Authorize(http));
    }

    [Fact]
    public void Without_a_configured_password_nobody_gets_in_outside_development()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:"));

        Assert.False(Authorization(Environments.Production, password: null).Authorize(http));
    }

    [Fact]
    public void Five_wrong_tries_lock_the_address_out_even_with_the_right_password_until_the_window_passes()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));
        var authorization = Authorization(Environments.Production, "s3cret-pass", clock);
        var attacker = IPAddress.Parse("203.0.113.7");
        for (var i = 0; i < DashboardAuthorization.MaxFailures; i++)
        {
            Assert.False(authorization.Authorize(Request(attacker, "admin:guess" + i)));
        }

        var locked = Request(attacker, "admin:s3cret-pass");
        Assert.False(authorization.Authorize(locked));
        Assert.Equal("900", locked.Response.Headers.RetryAfter.ToString());
        Assert.True(authorization.Authorize(Request(IPAddress.Parse("198.51.100.1"), "admin:s3cret-pass")), "another address is not locked out");

        clock.Advance(DashboardAuthorization.LockoutWindow - TimeSpan.FromSeconds(1));
        Assert.False(authorization.Authorize(Request(attacker, "admin:s3cret-pass")));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(authorization.Authorize(Request(attacker, "admin:s3cret-pass")));
    }

    [Fact]
    public void A_right_login_clears_earlier_failures()
    {
        var authorization = Authorization(Environments.Production, "s3cret-pass");
        var client = IPAddress.Parse("203.0.113.8");
        for (var i = 0; i < DashboardAuthorization.MaxFailures - 1; i++)
        {
            Assert.False(authorization.Authorize(Request(client, "admin:typo")));
        }

        Assert.True(authorization.Authorize(Request(client, "admin:s3cret-pass")));
        Assert.False(authorization.Authorize(Request(client, "admin:typo")));
        Assert.True(authorization.Authorize(Request(client, "admin:s3cret-pass")), "one failure after a success does not lock out");
    }

    private static DefaultHttpContext Request(IPAddress client, string credentials)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = client;
        http.Request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));
        return http;
    }

    private static DashboardAuthorization Authorization(string environment, string? password, TimeProvider? clock = null) => new(
        new HostingEnvironment { EnvironmentName = environment },
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Dashboard:Password"] = password }).Build(),
        clock ?? TimeProvider.System);
}

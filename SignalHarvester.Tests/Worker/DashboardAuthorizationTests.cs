using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
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

    private static DashboardAuthorization Authorization(string environment, string? password) => new(
        new HostingEnvironment { EnvironmentName = environment },
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Jobs:Dashboard:Password"] = password }).Build());
}

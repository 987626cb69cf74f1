using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace SignalHarvester.Tests.External;

/// <summary>The AppHost refuses external mode without its connection strings at once, naming them: no half-started stack.</summary>
public sealed class ExternalModeConfigurationTests
{
    [Fact]
    public async Task External_mode_without_connection_strings_names_what_is_missing()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.SignalHarvester_AppHost>(
                ["--Infrastructure:Mode=external", "--ConnectionStrings:cache=localhost:6379"],
                (options, _) => options.DisableDashboard = true,
                timeout.Token));

        Assert.StartsWith("Infrastructure:Mode=external needs ConnectionStrings:harvest and ConnectionStrings:harvest-app:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ConnectionStrings:cache", error.Message, StringComparison.Ordinal);
    }
}

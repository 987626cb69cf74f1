using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// The pool settings each kind of service gets (why: docs/performance.md): the API's pool is bounded, prepares
/// statements and skips the session reset; background services keep Npgsql's defaults; an operator's own
/// maximum in the connection string wins.
/// </summary>
public sealed class DatabasePoolSettingsTests
{
    private const string Configured = "Host=127.0.0.1;Port=5432;Username=harvest;Password=placeholder;Database=harvest";

    [Fact]
    public void A_request_serving_service_gets_a_bounded_pool_with_prepared_statements_and_no_session_reset()
    {
        var defaults = new NpgsqlConnectionStringBuilder();
        Assert.InRange(DataHostingExtensions.RequestPathMaxPoolSize, 1, defaults.MaxPoolSize - 1);
        foreach (var settings in PoolSettings(Configured, servesRequests: true))
        {
            Assert.Equal(DataHostingExtensions.RequestPathMaxPoolSize, settings.MaxPoolSize);
            Assert.True(settings.NoResetOnClose);
            Assert.True(settings.MaxAutoPrepare > 0);
            Assert.Equal(DatabaseTimeouts.RequestPath.ConnectSeconds, settings.Timeout); // the request path's connect budget still applies
        }
    }

    [Fact]
    public void A_maximum_pool_size_in_the_connection_string_is_kept()
    {
        foreach (var settings in PoolSettings(Configured + ";Maximum Pool Size=40", servesRequests: true))
        {
            Assert.Equal(40, settings.MaxPoolSize);
        }
    }

    [Fact]
    public void Background_services_keep_the_drivers_pool_defaults()
    {
        var defaults = new NpgsqlConnectionStringBuilder();
        foreach (var settings in PoolSettings(Configured, servesRequests: false))
        {
            Assert.Equal(defaults.MaxPoolSize, settings.MaxPoolSize);
            Assert.False(settings.NoResetOnClose);
            Assert.Equal(defaults.MaxAutoPrepare, settings.MaxAutoPrepare);
        }
    }

    /// <summary>The settings the DbContext and the NpgsqlDataSource (for bulk work) see: those of their one pool.</summary>
    private static NpgsqlConnectionStringBuilder[] PoolSettings(string connectionString, bool servesRequests)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Database}"] = connectionString;
        builder.AddHarvestDatabase(servesRequests ? DatabaseTimeouts.RequestPath : DatabaseTimeouts.Background, servesRequests);
        using var host = builder.Build();
        using var scope = host.Services.CreateScope();
        var contextSettings = scope.ServiceProvider.GetRequiredService<HarvestDbContext>().Database.GetConnectionString();
        var dataSourceSettings = host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString;
        return [new NpgsqlConnectionStringBuilder(contextSettings), new NpgsqlConnectionStringBuilder(dataSourceSettings)];
    }
}

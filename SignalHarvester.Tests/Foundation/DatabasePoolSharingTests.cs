using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;
using SignalHarvester.ServiceDefaults.Health;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Foundation;

/// <summary>
/// A service has one pool of PostgreSQL connections, shared by its DbContext and its data source: the readiness check's
/// connection is the one the first request's query reuses, so that query neither opens a connection nor loads the
/// server's types within the request's 1 s connect budget.
/// </summary>
[Collection(SampleMigrationCollection.Name)]
public sealed class DatabasePoolSharingTests(PostgresOnlyStackFixture stack)
{
    // The stack's PostgreSQL has no application database (nothing migrates it here): the built-in one will do.
    private const string BuiltInDatabase = "postgres";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_first_query_after_the_readiness_check_reuses_its_connection(bool servesRequests)
    {
        var applicationName = $"pool-sharing-{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder();
        var server = await stack.ServerConnectionAsync(BuiltInDatabase);
        server.ApplicationName = applicationName;
        builder.Configuration[$"ConnectionStrings:{ResourceNames.Database}"] = server.ConnectionString;
        builder.AddHarvestDatabase(servesRequests ? DatabaseTimeouts.RequestPath : DatabaseTimeouts.Background, servesRequests);
        using var host = builder.Build();

        var ready = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(HealthTags.Ready));
        Assert.True(ready.Entries["database"].Status == HealthStatus.Healthy, ready.Entries["database"].Exception?.ToString());
        Assert.Equal(1, await ConnectionsNamedAsync(applicationName));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HarvestDbContext>();
            Assert.Equal(2, await db.Database.SqlQueryRaw<int>("select 2 as \"Value\"").SingleAsync());
        }

        Assert.Equal(1, await ConnectionsNamedAsync(applicationName));
    }

    private async Task<long> ConnectionsNamedAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection((await stack.ServerConnectionAsync(BuiltInDatabase)).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_stat_activity where application_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = applicationName });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

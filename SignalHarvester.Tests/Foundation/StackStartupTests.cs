using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Foundation;

[Collection(StackCollection.Name)]
public sealed class StackStartupTests(StackFixture stack)
{
    [Fact]
    public async Task Migrations_finish_with_exit_code_zero_before_api_and_worker_start()
    {
        var migrations = stack.Snapshot(ResourceNames.Migrations)!.Snapshot;
        Assert.Equal(KnownResourceStates.Finished, migrations.State?.Text);
        Assert.Equal(0, migrations.ExitCode);

        // The last thing migrate does before it exits is record the schema version. Each service's process
        // starts after that, by the system clock both PostgreSQL and the kernel keep;
        // the orchestrator's own timestamps are taken when it notices an exit, which can lag under load.
        await using var db = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await db.OpenAsync();
        await using var applied = new NpgsqlCommand("select max(applied_at) from schema_version", db);
        await using var reader = await applied.ExecuteReaderAsync();
        await reader.ReadAsync();
        var migrated = reader.GetFieldValue<DateTimeOffset>(0);
        foreach (var service in new[] { ResourceNames.Api, ResourceNames.Worker })
        {
            var pid = Convert.ToInt32(stack.Snapshot(service)!.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value, CultureInfo.InvariantCulture);
            var started = new DateTimeOffset(Process.GetProcessById(pid).StartTime.ToUniversalTime());
            Assert.True(started > migrated, $"{service} started at {started:O}, before the migrations finished at {migrated:O}");
        }
    }

    [Fact]
    public void Each_service_runs_its_built_assembly_without_dotnet_run()
    {
        // `dotnet run --no-build` would evaluate the project with MSBuild before every start (BuildOutputLaunch).
        foreach (var (service, assembly) in new[] { (ResourceNames.Api, "SignalHarvester.Api.dll"), (ResourceNames.Worker, "SignalHarvester.Worker.dll") })
        {
            var pid = stack.Snapshot(service)!.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value;
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(commandLine.Length >= 2, string.Join(' ', commandLine));
            Assert.Equal("dotnet", Path.GetFileName(commandLine[0]));
            Assert.Equal(Path.Combine(Path.GetDirectoryName(ProjectPath(service))!, "bin"), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(commandLine[1])!, "..", "..")));
            Assert.Equal(assembly, Path.GetFileName(commandLine[1]));
        }
    }

    private string ProjectPath(string service) =>
        ((ProjectResource)stack.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == service)).GetProjectMetadata().ProjectPath;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/startup")]
    public async Task Health_endpoints_answer_200_with_the_documented_body(string path)
    {
        using var client = stack.CreateApiClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("healthy", root.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
        Assert.True(root.GetProperty("uptime_seconds").GetDouble() > 0);
        Assert.True(root.TryGetProperty("timestamp", out _));
        foreach (var component in root.GetProperty("components").EnumerateArray())
        {
            Assert.False(string.IsNullOrEmpty(component.GetProperty("name").GetString()));
            Assert.True(component.GetProperty("duration_ms").GetDouble() >= 0);
        }
    }

    [Fact]
    public async Task Ready_reports_database_redis_disk_and_memory_and_startup_adds_the_schema()
    {
        using var client = stack.CreateApiClient();
        var ready = await ComponentsAsync(client, "/health/ready");
        Assert.Equal(["database", "disk_space", "memory", "redis"], ready.Keys.Order());
        Assert.Equal("healthy", ready["database"]);
        Assert.Equal("healthy", ready["redis"]);

        var startup = await ComponentsAsync(client, "/health/startup");
        Assert.Equal("healthy", startup["schema"]);
        Assert.Contains("database", startup.Keys);
    }

    [Fact]
    public async Task Prometheus_endpoint_serves_http_server_metrics_after_a_request()
    {
        using var client = stack.CreateApiClient();
        (await client.GetAsync("/")).EnsureSuccessStatusCode();

        var text = await Eventually.ReturnsAsync(
            () => client.GetStringAsync("/metrics/prometheus"),
            metrics => metrics.Contains("http_server_request_duration_seconds_bucket", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "HTTP server metrics in the Prometheus scrape");
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Matches("(?m)^(process_runtime_)?dotnet_gc_", text); // runtime metrics
    }

    [Fact]
    public async Task Worker_registers_a_hangfire_server_and_the_heartbeat_job_succeeds()
    {
        await using var db = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await db.OpenAsync();

        var servers = await ScalarAsync<long>(db, "select count(*) from hangfire.server where id like @prefix", ("prefix", $"{ResourceNames.Worker}:%"));
        Assert.True(servers >= 1, "no Hangfire server registered by the worker");

        var succeeded = await Eventually.ReturnsAsync(
            () => ScalarAsync<long>(db,
                "select count(*) from hangfire.job where statename = 'Succeeded' and invocationdata::text like @job",
                ("job", "%HeartbeatJob%")),
            count => count >= 1,
            TimeSpan.FromSeconds(60),
            "a succeeded heartbeat job");
        Assert.True(succeeded >= 1);

        using var worker = stack.CreateWorkerClient();
        var metrics = await Eventually.ReturnsAsync(
            () => worker.GetStringAsync("/metrics/prometheus"),
            text => text.Contains("signalharvester_worker_heartbeats_total", StringComparison.Ordinal),
            TimeSpan.FromSeconds(15),
            "the heartbeat counter in the worker's Prometheus scrape");
        Assert.Matches(@"signalharvester_worker_heartbeats_total(\{[^}]*\})? [1-9]", metrics);
    }

    private static async Task<Dictionary<string, string>> ComponentsAsync(HttpClient client, string path)
    {
        using var body = JsonDocument.Parse(await client.GetStringAsync(path));
        return body.RootElement.GetProperty("components").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}

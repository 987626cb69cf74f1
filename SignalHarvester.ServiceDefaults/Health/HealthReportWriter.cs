using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SignalHarvester.ServiceDefaults.Health;

/// <summary>
/// Writes the health body operators and probes read: status, version, uptime and one entry per component
/// with the check's own description. Exceptions stay in the logs.
/// </summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private static readonly string Version =
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static readonly DateTimeOffset StartedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime();

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthBody(
            Status: report.Status,
            Version: Version,
            UptimeSeconds: Math.Round((DateTimeOffset.UtcNow - StartedAt).TotalSeconds, 1),
            Components: report.Entries
                .Select(entry => new HealthComponent(
                    entry.Key,
                    entry.Value.Status,
                    // Never the exception's message: probes can be public, and driver messages name hosts and users.
                    entry.Value.Description,
                    Math.Round(entry.Value.Duration.TotalMilliseconds, 2)))
                .ToList(),
            Timestamp: DateTimeOffset.UtcNow);
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, Json, context.RequestAborted);
    }

    private sealed record HealthBody(
        HealthStatus Status, string Version, double UptimeSeconds, IReadOnlyList<HealthComponent> Components, DateTimeOffset Timestamp);

    private sealed record HealthComponent(string Name, HealthStatus Status, string? Message, double DurationMs);
}

using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;

namespace SignalHarvester.MigrationService;

internal sealed record CommonOptions(Option<string?> DatabaseUrl, Option<bool> Verbose, Option<int?> ConnectTimeout);

internal delegate Task<int> Verb(IServiceProvider services, TextWriter output, CancellationToken cancellationToken);

/// <summary>
/// Runs one verb inside a host that has the service defaults (so its telemetry reaches the
/// dashboard), and turns any failure into a non-zero exit code and one readable line.
/// </summary>
internal static class VerbRunner
{
    public static async Task<int> RunAsync(
        ParseResult parse, CommonOptions options, Verb verb, CancellationToken cancellationToken)
    {
        var (databaseUrl, verboseOption, connectTimeout) = options;
        var verbose = parse.GetValue(verboseOption);
        try
        {
            var builder = Host.CreateApplicationBuilder();
            var url = parse.GetValue(databaseUrl);
            if (url is not null)
            {
                // The operator's explicit choice wins over the environment's; it is converted where every service converts it.
                builder.Configuration[ConnectionStringSettings.ExternalDatabase] = url;
            }
            else if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Database))
                     && string.IsNullOrWhiteSpace(builder.Configuration[ConnectionStringSettings.ExternalDatabase]))
            {
                throw new MigrationException(
                    $"no database given: pass --database-url or set ConnectionStrings__{ResourceNames.Database}");
            }

            // Framework chatter stays out of telemetry; the console shows only the verb's own output
            // and its one-line error unless --verbose asks for the logs as well.
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("System", LogLevel.Warning);
            if (!verbose)
            {
                builder.Logging.AddFilter<ConsoleLoggerProvider>(_ => false);
            }

            if (parse.GetValue(connectTimeout) is { } seconds)
            {
                builder.Configuration[$"{MigrationOptions.Section}:{nameof(MigrationOptions.ConnectTimeoutSeconds)}"] = seconds.ToString();
            }

            builder.AddServiceDefaults();
            builder.AddHarvestDatabase(DatabaseTimeouts.Background);
            builder.Services.Configure<MigrationOptions>(builder.Configuration.GetSection(MigrationOptions.Section));
            builder.Services.AddSingleton<MigrationRunner>();

            using var host = builder.Build();
            await host.StartAsync(cancellationToken);
            var exitCode = await verb(host.Services, Console.Out, cancellationToken);
            await host.StopAsync(CancellationToken.None);
            return exitCode;
        }
        catch (Exception e) when (!verbose)
        {
            await Console.Error.WriteLineAsync($"error: {Describe(e)}");
            return 1;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"error: {Describe(e)}{Environment.NewLine}{e}");
            return 1;
        }
    }

    // One line an operator can act on: the innermost message that says what went wrong.
    internal static string Describe(Exception e) => e switch
    {
        MigrationException or FormatException => e.Message,
        PostgresException postgres => $"PostgreSQL {postgres.SqlState}: {postgres.MessageText}",
        // "Exception while connecting" alone hides the cause (a rejected certificate, a refused port).
        NpgsqlException { InnerException: { } inner } => $"{e.Message.TrimEnd('.')}: {Describe(inner)}",
        _ when e.InnerException is not null && e.Message.Contains("see the inner exception", StringComparison.OrdinalIgnoreCase)
            => Describe(e.InnerException),
        _ => e.Message.ReplaceLineEndings(" "),
    };
}

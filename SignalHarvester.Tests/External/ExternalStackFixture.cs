using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.External;

/// <summary>
/// The stack in <c>external</c> infrastructure mode against stand-ins for a managed PostgreSQL and Redis
/// (TLS with a private CA, passwords full of URL-special characters), given to the AppHost as the URLs
/// an operator would paste. No local PostgreSQL or Redis runs: whatever the services read, they read there.
/// </summary>
public sealed class ExternalStackFixture : StackFixture
{
    /// <summary>Every character a URL must escape, and none that Redis' comma-separated options cannot carry.</summary>
    public const string Password = "p@ss:w/rd?#%&;'\"=";

    private readonly string certificatesDirectory = Directory.CreateTempSubdirectory("signalharvester-managed-certs-").FullName;

    public TestCertificates Certificates { get; private set; } = null!;

    public ManagedPostgres Postgres { get; private set; } = null!;

    public ManagedRedis Redis { get; private set; } = null!;

    public string DatabaseUrl => Postgres.Url(Certificates.CaFile);

    /// <summary>The application role's URL: a role the managed server does not have yet, which the migrations create.</summary>
    public string ApplicationDatabaseUrl => Postgres.Url(Certificates.CaFile, ManagedPostgres.Database, ApplicationRole, ApplicationPassword);

    public const string ApplicationRole = "harvest_app_managed";

    /// <summary>Another password full of URL-special characters, for the application role.</summary>
    public const string ApplicationPassword = "a/pp:p@ss?#%&;=";

    protected override string InfrastructureMode => "external";

    // In-process settings of the AppHost (not a process command line): the connection strings as URLs.
    protected override IEnumerable<string> AppHostArguments =>
    [
        .. NoScheduledPipelines,
        $"--ConnectionStrings:{ResourceNames.Database}={DatabaseUrl}",
        $"--ConnectionStrings:{ResourceNames.ApplicationDatabase}={ApplicationDatabaseUrl}",
        $"--ConnectionStrings:{ResourceNames.Cache}={Redis.Url(Certificates.CaFile)}",
    ];

    protected override async Task BeforeStartAsync()
    {
        Certificates = TestCertificates.Create(certificatesDirectory);
        Postgres = await ManagedPostgres.StartAsync(Certificates, Password);
        Redis = await ManagedRedis.StartAsync(Certificates, Password);
    }

    public override Task<string> DatabaseConnectionStringAsync() => Task.FromResult(Data.DatabaseUrl.ToConnectionString(DatabaseUrl));

    protected override async Task AfterDisposeAsync()
    {
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        Directory.Delete(certificatesDirectory, recursive: true);
    }
}

namespace SignalHarvester.Hosting.Infrastructure;

/// <summary>
/// A server (PostgreSQL, Redis) that the orchestrator runs as a plain process through a wrapper
/// script, reachable on one proxied tcp endpoint and protected by a generated password.
/// </summary>
internal abstract class LocalServerResource(string name, string workingDirectory, ParameterResource password)
    : ExecutableResource(name, "bash", workingDirectory), IResourceWithConnectionString
{
    internal const string EndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, EndpointName);

    public ParameterResource Password { get; } = password;

    public abstract ReferenceExpression ConnectionStringExpression { get; }
}

/// <summary>A local PostgreSQL server; its connection string names the application's database.</summary>
internal sealed class LocalPostgresResource(string name, string workingDirectory, ParameterResource password, string databaseName)
    : LocalServerResource(name, workingDirectory, password)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};" +
        $"Username=postgres;Password={Password};Database={databaseName}");
}

/// <summary>A local Redis server.</summary>
internal sealed class LocalRedisResource(string name, string workingDirectory, ParameterResource password)
    : LocalServerResource(name, workingDirectory, password)
{
    public override ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)},password={Password}");
}

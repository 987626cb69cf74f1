using System.Globalization;
using Aspire.Hosting.Postgres;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>How one service of the staging bundle starts after another (a compose <c>depends_on</c> condition).</summary>
internal enum StartCondition
{
    /// <summary><c>WaitFor</c>: the dependency's healthcheck passes.</summary>
    Healthy,

    /// <summary><c>WaitForCompletion</c>: the dependency ran and exited 0.</summary>
    CompletedSuccessfully,

    /// <summary>
    /// <c>WaitFor</c> a .NET service: its image has no probe tool for a container healthcheck, so the
    /// dependent starts once it runs (the console, say, shows "API unavailable" until the API answers).
    /// </summary>
    Started,
}

/// <summary>A service of the application model, as the container deployment sees it.</summary>
internal sealed record StagingService(
    string Name,
    bool IsProject,
    string Image,
    string? ProjectPath,
    IReadOnlyList<KeyValuePair<string, string>> Environment,
    string? Entrypoint,
    IReadOnlyList<string> Command,
    IReadOnlyList<int> HttpPorts,
    IReadOnlyList<KeyValuePair<string, string>> Volumes,
    IReadOnlyList<KeyValuePair<string, StartCondition>> DependsOn,
    IReadOnlyList<string>? HealthCheck)
{
    /// <summary>One-shot: something waits for it to complete, so it must not be restarted.</summary>
    public bool IsOneShot { get; init; }

    /// <summary>The compose profile it runs under (a bundled server a managed one replaces); null: always.</summary>
    public string? Profile { get; init; }

    /// <summary>Host directories mounted into the service (<c>source:target:ro</c>).</summary>
    public IReadOnlyList<string> Binds { get; init; } = [];

    /// <summary>The environment as the model holds it (parameters, expressions, literals), for formats that render it their own way.</summary>
    public IReadOnlyList<KeyValuePair<string, object>> Values { get; init; } = [];

    /// <summary>The settings that replace a connection string with a managed service's (<see cref="ExternalServices"/>).</summary>
    public IReadOnlyList<ExternalSetting> ExternalSettings { get; init; } = [];
}

/// <summary>How a deployment format writes a reference to a parameter and a literal string.</summary>
internal sealed record RenderStyle(Func<StagingParameter, string> Parameter, Func<string, string> Literal)
{
    /// <summary>Compose: <c>${VARIABLE}</c> with its default or its required check, a literal <c>$</c> doubled.</summary>
    public static readonly RenderStyle Compose = new(
        parameter => parameter.Default is { } value ? $"${{{parameter.Variable}-{ComposeDefault(value)}}}"
            : parameter.Required ? StagingVariables.Required(parameter.Variable)
            : $"${{{parameter.Variable}}}",
        text => text.Replace("$", "$$", StringComparison.Ordinal));

    private static string ComposeDefault(string value) => value.Contains('}', StringComparison.Ordinal)
        ? throw new InvalidOperationException($"A compose default cannot hold '}}': {value}")
        : value.Replace("$", "$$", StringComparison.Ordinal);
}

/// <summary>A parameter of the model, supplied to the deployment as an environment variable.</summary>
/// <param name="Required">Generated in development (passwords, the API key): a deployment must supply one.</param>
/// <param name="Default">A setting's value when the deployment sets none (<see cref="PublishedSettingDefault"/>); null for credentials.</param>
internal sealed record StagingParameter(string Name, string Variable, bool Secret, bool Required, string? Default = null, string? Description = null);

/// <summary>
/// The application model reduced to what a container deployment needs: services (with their
/// environment evaluated in publish mode), the parameters they reference, and who waits for whom.
/// Everything is sorted, so the files written from it are byte-for-byte stable.
/// </summary>
internal sealed class StagingModel
{
    /// <summary>Image names of the .NET services: <c>signalharvester/&lt;resource&gt;</c>, tagged from the environment.</summary>
    public const string ImagePrefix = "signalharvester/";

    public const string TagVariable = "SIGNALHARVESTER_TAG";

    // The .NET SDK container images listen on 8080 (ASPNETCORE_HTTP_PORTS) unless told otherwise.
    private const int DefaultContainerHttpPort = 8080;

    private readonly Dictionary<string, StagingParameter> parameters = new(StringComparer.Ordinal);

    private StagingModel()
    {
    }

    public IReadOnlyList<StagingService> Services { get; private set; } = [];

    public IReadOnlyList<StagingParameter> Parameters => parameters.Values.OrderBy(p => p.Variable, StringComparer.Ordinal).ToList();

    public StagingService Service(string name) => Services.Single(s => s.Name == name);

    public static async Task<StagingModel> ReadAsync(
        DistributedApplicationModel model, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var staging = new StagingModel();
        var oneShots = model.Resources
            .SelectMany(r => r.Annotations.OfType<WaitAnnotation>())
            .Where(w => w.WaitType == WaitType.WaitForCompletion)
            .Select(w => w.Resource.Name)
            .ToHashSet(StringComparer.Ordinal);

        var services = new List<StagingService>();
        foreach (var resource in model.Resources.Where(r => r is ContainerResource or ProjectResource))
        {
            var service = await staging.ReadServiceAsync(resource, executionContext, cancellationToken);
            services.Add(service with { IsOneShot = oneShots.Contains(resource.Name) });
        }

        staging.Services = services.OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        return staging;
    }

    private async Task<StagingService> ReadServiceAsync(
        IResource resource, DistributedApplicationExecutionContext executionContext, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, object>(StringComparer.Ordinal);
        var context = new EnvironmentCallbackContext(executionContext, resource, environment, cancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        var values = new List<KeyValuePair<string, object>>();
        var rendered = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            // Telemetry export goes to the Aspire dashboard, which the staging stack does not run: Prometheus scrapes instead.
            if (name.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                continue;
            }

            values.Add(new(name, value));
            rendered.Add(new(name, Render(value)));
        }

        var externalSettings = ExternalServices.SettingsFor(environment).ToList();
        rendered = [.. rendered.Concat(externalSettings.Select(e => new KeyValuePair<string, string>(e.Setting, $"${{{e.Variable}-}}")))
            .OrderBy(e => e.Key, StringComparer.Ordinal)];

        var args = new List<object>();
        // In publish mode, as the manifest publisher does: Redis then hands its arguments to a shell (/bin/sh -c).
        var argsContext = new CommandLineArgsCallbackContext(args, resource, cancellationToken) { ExecutionContext = executionContext };
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(argsContext);
        }

        var httpPorts = resource.Annotations.OfType<EndpointAnnotation>()
            .Where(e => e.UriScheme is "http")
            .Select(e => e.TargetPort ?? DefaultContainerHttpPort)
            .Distinct()
            .Order()
            .ToList();

        var volumes = resource.Annotations.OfType<ContainerMountAnnotation>()
            .Where(m => m.Type == ContainerMountType.Volume && m.Source is not null)
            .Select(m => new KeyValuePair<string, string>(m.Source!, m.Target))
            .OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToList();

        // Compose cannot depend on a service its profile may switch off (compose 2.20's `required: false` is too new
        // for 1.29): a service reaches a bundled server under its own bounded retries (the migrations' connect timeout,
        // the Redis client's reconnects) instead.
        var dependsOn = resource.Annotations.OfType<WaitAnnotation>()
            .Where(w => ExternalServices.ProfileOf(ServiceResource(w.Resource)) is null)
            .Select(w => new KeyValuePair<string, StartCondition>(
                ServiceName(w.Resource),
                w.WaitType == WaitType.WaitForCompletion ? StartCondition.CompletedSuccessfully
                : w.Resource is ProjectResource ? StartCondition.Started
                : StartCondition.Healthy))
            .Distinct()
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();

        var service = resource switch
        {
            ProjectResource project => new StagingService(
                resource.Name, IsProject: true, $"{ImagePrefix}{resource.Name}:${{{TagVariable}:-latest}}",
                ProjectPath(project), rendered, null, args.Select(Render).ToList(), httpPorts, volumes, dependsOn, HealthCheck: null),
            RedisResource redis => new StagingService(
                resource.Name, IsProject: false, Image(redis), ProjectPath: null, rendered, redis.Entrypoint,
                PasswordOnStandardInput([.. args.Select(Render)]), httpPorts, volumes, dependsOn, HealthCheckFor(redis)),
            ContainerResource container => new StagingService(
                resource.Name, IsProject: false, Image(container), ProjectPath: null, rendered, container.Entrypoint,
                args.Select(Render).ToList(), httpPorts, volumes, dependsOn, HealthCheckFor(container)),
            _ => throw new InvalidOperationException($"{resource.Name}: unexpected resource type {resource.GetType().Name}"),
        };
        return service with
        {
            Profile = ExternalServices.ProfileOf(resource),
            Binds = ExternalServices.BindsFor(environment),
            Values = values,
            ExternalSettings = externalSettings,
        };
    }

    // Aspire starts Redis as `/bin/sh -c "redis-server --requirepass $REDIS_PASSWORD …"`, which puts the password in
    // the process list. The bundle hands it over as configuration on standard input instead (a here-document),
    // as the local mode does, and execs the server so it gets the container's stop signal.
    private static List<string> PasswordOnStandardInput(List<string> args)
    {
        const string AspireStart = "redis-server --requirepass $$REDIS_PASSWORD";
        if (args is not ["-c", var script] || !script.StartsWith(AspireStart, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Unexpected Redis command from Aspire ({string.Join(' ', args)}): update {nameof(PasswordOnStandardInput)}.");
        }

        return ["-c", $"exec redis-server -{script[AspireStart.Length..]} <<EOF\nrequirepass $$REDIS_PASSWORD\nEOF"];
    }

    // A database resource (harvest) lives in its server's container (postgres): that is the service to wait for.
    private static string ServiceName(IResource resource) => ServiceResource(resource).Name;

    private static IResource ServiceResource(IResource resource) =>
        resource is IResourceWithParent { Parent: { } parent } ? ServiceResource(parent) : resource;

    // Relative to the repository (the solution's directory), so the bundle does not depend on where it was checked out.
    private static string ProjectPath(ProjectResource project)
    {
        var path = project.GetProjectMetadata().ProjectPath;
        var root = Path.GetDirectoryName(path);
        while (root is not null && !File.Exists(Path.Combine(root, "SignalHarvester.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        return Path.GetRelativePath(root ?? throw new InvalidOperationException($"{path} is not inside the repository"), path).Replace('\\', '/');
    }

    private static string Image(ContainerResource container)
    {
        var image = container.Annotations.OfType<ContainerImageAnnotation>().Last();
        return image.Registry is { Length: > 0 } registry ? $"{registry}/{image.Image}:{image.Tag}" : $"{image.Image}:{image.Tag}";
    }

    // The probes a WaitFor needs: the container is healthy once its server answers, as the local mode's health checks ask.
    private IReadOnlyList<string>? HealthCheckFor(ContainerResource container) => container switch
    {
        PostgresServerResource postgres =>
            ["CMD-SHELL", $"pg_isready -h localhost -U {Render(postgres.UserNameReference)} -d postgres"],
        // The password from the container's own environment through REDISCLI_AUTH, not on redis-cli's command line.
        RedisResource { PasswordParameter: not null } =>
            ["CMD-SHELL", "REDISCLI_AUTH=\"$$REDIS_PASSWORD\" redis-cli ping | grep -q PONG"],
        _ => null,
    };

    /// <summary>A value of the model as compose text: parameters become <c>${VARIABLE}</c>, endpoints the service's DNS name.</summary>
    private string Render(object value) => Render(value, RenderStyle.Compose);

    /// <summary>A value of the model as a deployment format writes it (<paramref name="style"/>); endpoints are the service's DNS name.</summary>
    public string Render(object value, RenderStyle style) => value switch
    {
        string text => style.Literal(text),
        ParameterResource parameter => style.Parameter(Parameter(parameter)),
        ConnectionStringReference reference => Render(reference.Resource.ConnectionStringExpression, style),
        IResourceWithConnectionString resource => Render(resource.ConnectionStringExpression, style),
        ReferenceExpression { IsConditional: false } expression => string.Format(
            CultureInfo.InvariantCulture, style.Literal(expression.Format), expression.ValueProviders.Select(v => (object)Render(v, style)).ToArray()),
        // Chosen at publish time, as the manifest publisher does (e.g. Redis' TLS flag).
        ReferenceExpression { IsConditional: true } expression =>
            Render(string.Equals(Render(expression.Condition!, style), expression.MatchValue, StringComparison.OrdinalIgnoreCase) ? expression.WhenTrue! : expression.WhenFalse!, style),
        EndpointReferenceExpression endpoint => Render(endpoint),
        EndpointReference endpoint => $"{endpoint.Scheme}://{ServiceName(endpoint.Resource)}:{TargetPort(endpoint)}",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new InvalidOperationException($"The staging bundle cannot express a {value.GetType().Name} ({value})."),
    };

    /// <summary>The parameter as the deployment supplies it: a required secret (generated in development), a setting with a default, or optional.</summary>
    public StagingParameter Parameter(ParameterResource parameter)
    {
        var variable = parameter.Name.ToUpperInvariant().Replace('-', '_');
        parameters.TryAdd(parameter.Name, new StagingParameter(parameter.Name, variable, parameter.Secret, parameter.Default is GenerateParameterDefault,
            (parameter.Default as PublishedSettingDefault)?.Value, parameter.Description));
        return parameters[parameter.Name];
    }

    private static string Render(EndpointReferenceExpression expression) => expression.Property switch
    {
        EndpointProperty.Host or EndpointProperty.IPV4Host => ServiceName(expression.Endpoint.Resource),
        EndpointProperty.Port or EndpointProperty.TargetPort => TargetPort(expression.Endpoint).ToString(CultureInfo.InvariantCulture),
        EndpointProperty.HostAndPort => $"{ServiceName(expression.Endpoint.Resource)}:{TargetPort(expression.Endpoint)}",
        EndpointProperty.Scheme => expression.Endpoint.Scheme,
        EndpointProperty.TlsEnabled => Annotation(expression.Endpoint).TlsEnabled ? bool.TrueString : bool.FalseString,
        EndpointProperty.Url => $"{expression.Endpoint.Scheme}://{ServiceName(expression.Endpoint.Resource)}:{TargetPort(expression.Endpoint)}",
        _ => throw new InvalidOperationException($"Endpoint property {expression.Property} has no staging form."),
    };

    // Inside the compose network services talk to each other's container ports.
    private static int TargetPort(EndpointReference endpoint) => Annotation(endpoint).TargetPort ?? DefaultContainerHttpPort;

    private static EndpointAnnotation Annotation(EndpointReference endpoint) =>
        endpoint.Resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpoint.EndpointName);
}

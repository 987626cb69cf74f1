using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using SignalHarvester.Domain;
using SignalHarvester.Tests.Infrastructure;

namespace SignalHarvester.Tests.Deployment;

/// <summary>
/// The AppHost in its staging rehearsal mode (<c>--Staging:Rehearsal=true</c>): the stack plus
/// Prometheus, Alertmanager, node-exporter and Caddy as local processes, configured by the staging bundle's writers.
/// Clients reach Caddy the way a browser reaches <c>https://&lt;site&gt;.staging.localhost</c>: the
/// site's name in the URL (Host header and TLS SNI), the connection to Caddy's local port, and the
/// certificate checked against the root of Caddy's internal CA, read from Caddy's data directory.
/// </summary>
public sealed class StagingRehearsalStackFixture : StackFixture
{
    /// <summary>The bundle's default domain (STAGING_DOMAIN in .env.staging.example).</summary>
    public const string Domain = "staging.localhost";

    private static readonly TimeSpan CaddyReadyTimeout = TimeSpan.FromSeconds(60);

    private X509Certificate2? caddyRoot;
    private X509Certificate2? caddyIntermediate;

    protected override IEnumerable<string> AppHostArguments => ["--Staging:Rehearsal=true"];

    protected override IEnumerable<string> ResourcesToAwait =>
        [
            ResourceNames.Api, ResourceNames.Worker, ResourceNames.Prometheus, ResourceNames.Alertmanager,
            ResourceNames.NodeExporter, ResourceNames.Caddy,
        ];

    /// <summary>The root certificate of Caddy's internal CA, as Caddy stored it in its data directory.</summary>
    public X509Certificate2 CaddyRoot => caddyRoot ?? throw new InvalidOperationException("the stack has not started");

    /// <summary>The generated basic-auth password in front of Prometheus and Alertmanager (a secret AppHost parameter).</summary>
    public string BasicAuthPassword { get; private set; } = "";

    protected override async Task AfterStartAsync()
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        BasicAuthPassword = await model.Resources.OfType<ParameterResource>()
            .Single(p => p.Name == ResourceNames.StagingBasicAuthPassword)
            .GetValueAsync(CancellationToken.None) ?? throw new InvalidOperationException("no basic-auth password");

        // Caddy creates its CA when it starts and issues the sites' certificates right after.
        var authority = Path.Combine(
            model.Resources.OfType<ExecutableResource>().Single(r => r.Name == ResourceNames.Caddy).WorkingDirectory,
            "caddy", "pki", "authorities", "local");
        await Eventually.ReturnsAsync(
            () => Task.FromResult(File.Exists(Path.Combine(authority, "root.crt")) && File.Exists(Path.Combine(authority, "intermediate.crt"))),
            exists => exists, CaddyReadyTimeout, "Caddy's internal CA appears in its data directory");
        caddyRoot = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(authority, "root.crt")));
        caddyIntermediate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(authority, "intermediate.crt")));

        using var api = CreateSiteClient("api");
        await Eventually.ReturnsAsync(
            async () => await SucceedsAsync(api, "/health/live"),
            succeeded => succeeded, CaddyReadyTimeout, "Caddy serves api.staging.localhost over TLS");
    }

    /// <summary>
    /// A client for <c>https://&lt;site&gt;.staging.localhost</c> through the rehearsal's Caddy, trusting
    /// only Caddy's internal CA; <paramref name="onServerCertificate"/> sees each certificate accepted.
    /// </summary>
    public HttpClient CreateSiteClient(string site, Action<X509Certificate2>? onServerCertificate = null)
    {
        var caddy = App.GetEndpoint(ResourceNames.Caddy, "https");
        var handler = new SocketsHttpHandler
        {
            // Whatever *.localhost resolves to here, the connection goes to Caddy's port on this machine.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(caddy.Host, caddy.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    var accepted = certificate is not null && IssuedByCaddyFor(new X509Certificate2(certificate), errors);
                    if (accepted)
                    {
                        onServerCertificate?.Invoke(new X509Certificate2(certificate!));
                    }

                    return accepted;
                },
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{site}.{Domain}:{caddy.Port}") };
    }

    public AuthenticationHeaderValue BasicAuth(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    // The name matches the site (the platform's own check) and the chain ends at Caddy's root, and nowhere else.
    private bool IssuedByCaddyFor(X509Certificate2 certificate, SslPolicyErrors errors)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaddyRoot);
        chain.ChainPolicy.ExtraStore.Add(caddyIntermediate!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck; // a local CA publishes no revocation lists
        return chain.Build(certificate);
    }

    private static async Task<bool> SucceedsAsync(HttpClient client, string path)
    {
        try
        {
            using var response = await client.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false; // Caddy still obtaining the site's certificate, or the upstream not answering yet
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StagingRehearsalCollection : ICollectionFixture<StagingRehearsalStackFixture>
{
    public const string Name = "staging-rehearsal";
}

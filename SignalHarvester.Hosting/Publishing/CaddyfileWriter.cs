using System.Text;
using SignalHarvester.Domain;

namespace SignalHarvester.Hosting.Publishing;

/// <summary>
/// <c>Caddyfile</c>: TLS from Caddy's internal CA unless <c>CADDY_TLS_EMAIL</c> asks for ACME; the API
/// and the web console in the open (the console asks for an API key itself), Grafana / Prometheus / Alertmanager
/// behind basic auth (bcrypt hashes from the environment). Of the API only its public surface is published:
/// <c>/api/*</c>, <c>/health/live</c> and the contract (which the API itself serves only when enabled);
/// readiness details and metrics stay on the internal networks, where probes and Prometheus reach them.
/// </summary>
internal static class CaddyfileWriter
{
    public const string FileName = "Caddyfile";

    /// <summary>The model service exposed publicly as <c>api.&lt;domain&gt;</c>.</summary>
    public const string PublicService = "api";

    /// <summary>Model services in the open, by host: <c>api.&lt;domain&gt;</c> and the console at <c>app.&lt;domain&gt;</c>.</summary>
    public static readonly IReadOnlyDictionary<string, string> PublicSites = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["api"] = PublicService,
        ["app"] = ResourceNames.Web,
    };

    /// <summary>The paths of the API published through Caddy; anything else is 404 at the edge.</summary>
    public static readonly IReadOnlyList<string> ApiPublicPaths = ["/api/*", "/health/live", "/openapi/*", "/scalar", "/scalar/*"];

    /// <summary>The environment variable holding the HTTPS port of a Caddy on a shared machine.</summary>
    public const string HttpsPortVariable = "CADDY_HTTPS_PORT";

    public static string Write(StagingModel model) => Write(model, ComposeNetworkAddresses.Instance, sharedMachine: false);

    /// <summary>
    /// The same file with the upstreams of another stack (the staging rehearsal); sites of services it
    /// lacks are left out. On a <paramref name="sharedMachine"/>, Caddy serves HTTPS on 127.0.0.1 at the
    /// port in <see cref="HttpsPortVariable"/> and leaves the machine alone (see <see cref="AppendSharedMachineOptions"/>).
    /// </summary>
    public static string Write(StagingModel model, IStagingAddresses addresses, bool sharedMachine)
    {
        string? Upstream(string service, int port) => addresses.Resolve(service, port, seenFrom: MonitoringServices.Caddy);

        var text = new StringBuilder()
            .Append("# Generated from the AppHost's application model (--publisher staging); do not edit.\n");
        if (sharedMachine)
        {
            AppendSharedMachineOptions(text);
        }

        text.Append($"# `tls <email>` turns on ACME; `tls internal` uses Caddy's own CA (browsers warn, curl needs -k).\n")
            .Append("(tls_policy) {\n")
            .Append($"\ttls {{${StagingVariables.TlsEmail}:internal}}\n")
            .Append("\theader {\n")
            .Append("\t\tStrict-Transport-Security \"max-age=31536000\"\n")
            .Append("\t\t-Server\n")
            .Append("\t}\n")
            .Append("}\n");
        foreach (var (host, name) in PublicSites)
        {
            // A stack without the service (the staging rehearsal runs no console) has no site for it.
            if (model.Services.FirstOrDefault(s => s.Name == name) is not { } service || Upstream(service.Name, service.HttpPorts.First()) is not { } upstream)
            {
                continue;
            }

            text.Append('\n')
                .Append($"{host}.{{${StagingVariables.Domain}:staging.localhost}} {{\n")
                .Append("\timport tls_policy\n");
            if (name == PublicService)
            {
                text.Append($"\t@public path {string.Join(' ', ApiPublicPaths)}\n")
                    .Append("\thandle @public {\n")
                    .Append($"\t\treverse_proxy {upstream}\n")
                    .Append("\t}\n")
                    .Append("\thandle {\n")
                    .Append("\t\trespond 404\n")
                    .Append("\t}\n");
            }
            else
            {
                // The console's own probes and metrics are for the internal networks too.
                text.Append("\t@internal {\n")
                    .Append("\t\tpath /health /health/* /metrics /metrics/*\n")
                    .Append("\t\tnot path /health/live\n")
                    .Append("\t}\n")
                    .Append("\trespond @internal 404\n")
                    .Append($"\treverse_proxy {upstream}\n");
            }

            text.Append("}\n");
        }

        foreach (var site in StagingVariables.ProtectedSites)
        {
            if (Upstream(site.Service, site.Port) is not { } upstream)
            {
                continue;
            }

            text.Append('\n')
                .Append($"{site.Host}.{{${StagingVariables.Domain}:staging.localhost}} {{\n")
                .Append("\timport tls_policy\n")
                // Caddy 2.6/2.7 spelling (basic_auth arrived in 2.8); the hash is base64-encoded bcrypt.
                .Append("\tbasicauth {\n")
                .Append($"\t\t{{${site.User}}} {{${site.Hash}}}\n")
                .Append("\t}\n")
                .Append($"\treverse_proxy {upstream}\n")
                .Append("}\n");
        }

        return text.ToString();
    }

    // A Caddy beside other processes (and other rehearsals) on a developer's machine or CI: its own
    // port on loopback, no admin API on :2019, no redirect server on :80, no change to the system trust store.
    private static void AppendSharedMachineOptions(StringBuilder text) =>
        text.Append("{\n")
            .Append($"\thttps_port {{${HttpsPortVariable}}}\n")
            .Append("\tdefault_bind 127.0.0.1\n")
            .Append("\tadmin off\n")
            .Append("\tauto_https disable_redirects\n")
            .Append("\tskip_install_trust\n")
            .Append("}\n\n");
}

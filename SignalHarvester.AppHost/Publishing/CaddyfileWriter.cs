using System.Text;

namespace SignalHarvester.AppHost.Publishing;

/// <summary>
/// <c>Caddyfile</c>: TLS from Caddy's internal CA unless <c>CADDY_TLS_EMAIL</c> asks for ACME; the API
/// in the open, Grafana / Prometheus / Alertmanager behind basic auth (bcrypt hashes from the environment).
/// </summary>
internal static class CaddyfileWriter
{
    public const string FileName = "Caddyfile";

    /// <summary>The model service exposed publicly as <c>api.&lt;domain&gt;</c>.</summary>
    public const string PublicService = "api";

    public static string Write(StagingModel model)
    {
        var api = model.Service(PublicService);
        var text = new StringBuilder()
            .Append("# Generated from the AppHost's application model (--publisher staging); do not edit.\n")
            .Append($"# `tls <email>` turns on ACME; `tls internal` uses Caddy's own CA (browsers warn, curl needs -k).\n")
            .Append("(tls_policy) {\n")
            .Append($"\ttls {{${StagingVariables.TlsEmail}:internal}}\n")
            .Append("}\n\n")
            .Append($"{PublicService}.{{${StagingVariables.Domain}:staging.localhost}} {{\n")
            .Append("\timport tls_policy\n")
            .Append($"\treverse_proxy {api.Name}:{api.HttpPorts.First()}\n")
            .Append("}\n");
        foreach (var site in StagingVariables.ProtectedSites)
        {
            text.Append('\n')
                .Append($"{site.Host}.{{${StagingVariables.Domain}:staging.localhost}} {{\n")
                .Append("\timport tls_policy\n")
                // Caddy 2.6/2.7 spelling (basic_auth arrived in 2.8); the hash is base64-encoded bcrypt.
                .Append("\tbasicauth {\n")
                .Append($"\t\t{{${site.User}}} {{${site.Hash}}}\n")
                .Append("\t}\n")
                .Append($"\treverse_proxy {site.Service}:{site.Port}\n")
                .Append("}\n");
        }

        return text.ToString();
    }
}

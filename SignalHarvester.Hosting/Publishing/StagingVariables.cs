namespace SignalHarvester.Hosting.Publishing;

/// <summary>A variable the bundle reads from <c>.env.staging</c> besides the model's parameters.</summary>
internal sealed record StagingVariable(string Name, string Default, bool Secret, string Comment);

/// <summary>
/// The monitoring and edge side of the staging stack is not part of the Aspire model; its settings
/// live here, once, so the compose file, the Caddyfile and the example env file agree.
/// </summary>
internal static class StagingVariables
{
    public const string Domain = "STAGING_DOMAIN";
    public const string TlsEmail = "CADDY_TLS_EMAIL";
    public const string GrafanaAdminPasswordVariable = "GRAFANA_ADMIN_PASSWORD";
    public const string EdgeSubnet = "EDGE_SUBNET";
    public const string EdgeSubnetDefault = "10.213.0.0/24";

    /// <summary>The edge network's subnet as compose reads it (the default unless the operator sets one).</summary>
    public static string EdgeSubnetValue => $"${{{EdgeSubnet}:-{EdgeSubnetDefault}}}";

    /// <summary>The sites behind basic auth: (host prefix, service, port, user variable, hash variable).</summary>
    public static readonly (string Host, string Service, int Port, string User, string Hash)[] ProtectedSites =
    [
        ("grafana", "grafana", 3000, "GRAFANA_BASIC_AUTH_USER", "GRAFANA_BASIC_AUTH_HASH"),
        ("prometheus", "prometheus", 9090, "PROMETHEUS_BASIC_AUTH_USER", "PROMETHEUS_BASIC_AUTH_HASH"),
        ("alerts", "alertmanager", 9093, "ALERTMANAGER_BASIC_AUTH_USER", "ALERTMANAGER_BASIC_AUTH_HASH"),
    ];

    /// <summary>A variable compose refuses to start without (unset or empty), naming it and where it goes.</summary>
    public static string Required(string variable) => $"${{{variable}:?{variable} must be set in .env.staging}}";

    private const string HashHelp =
        "bcrypt hash, base64-encoded so it has no '$'; the password goes in on standard input, never a command line: p=$(openssl rand -hex 16); echo \"keep: $p\"; printf '%s\\n' \"$p\" | caddy hash-password | tr -d '\\n' | base64 -w0";

    public static IEnumerable<StagingVariable> All()
    {
        yield return new(StagingModel.TagVariable, "latest", Secret: false, "Tag of the signalharvester/* images built by build-images.sh.");
        yield return new(ExternalServices.ProfilesVariable, $"{ExternalServices.DatabaseProfile},{ExternalServices.CacheProfile}", Secret: false,
            $"The bundled servers that run: drop {ExternalServices.DatabaseProfile} when {ExternalServices.DatabaseUrl} is set, " +
            $"{ExternalServices.CacheProfile} when {ExternalServices.RedisUrl} is set (empty: neither runs).");
        yield return new(ExternalServices.DatabaseUrl, "", Secret: true,
            "Empty: the bundled postgres. A managed PostgreSQL: postgresql://<user>:<percent-encoded password>@<host>:5432/harvest" +
            $"?sslmode=verify-full&sslrootcert={ExternalServices.CertificatesMount}/database-ca.crt (put the CA file in ./certs). " +
            $"The migrations create the schema there, under an advisory lock, as this (owner) role; set {ExternalServices.ApplicationDatabaseUrl} too.");
        yield return new(ExternalServices.ApplicationDatabaseUrl, "", Secret: true,
            $"Empty: the bundled postgres. With {ExternalServices.DatabaseUrl} set: the same URL with another user, the application role the API " +
            "and the worker connect as (data rights only; the migrations create it with this password): " +
            "postgresql://harvest_app:<percent-encoded password>@<host>:5432/harvest?sslmode=verify-full&sslrootcert=" +
            $"{ExternalServices.CertificatesMount}/database-ca.crt");
        yield return new(ExternalServices.RedisUrl, "", Secret: true,
            "Empty: the bundled cache. A managed Redis: rediss://:<percent-encoded password>@<host>:6380" +
            $"?sslrootcert={ExternalServices.CertificatesMount}/redis-ca.crt (the CA file in ./certs; omit it for a publicly trusted certificate).");
        yield return new(Domain, "staging.localhost", Secret: false, "Hosts are api.<domain>, app.<domain> (the console), grafana.<domain>, prometheus.<domain>, alerts.<domain>.");
        yield return new(EdgeSubnet, EdgeSubnetDefault, Secret: false,
            "The network between Caddy and the services it publishes; they believe X-Forwarded-For only from it. Change it if it collides with a network of the host.");
        yield return new(TlsEmail, "", Secret: false, "Empty: Caddy's internal CA (self-signed). An e-mail address: ACME (Let's Encrypt) certificates for public hosts.");
        yield return new(GrafanaAdminPasswordVariable, "", Secret: true, "Grafana's own admin login. Generate: openssl rand -hex 24");
        foreach (var site in ProtectedSites)
        {
            yield return new(site.User, site.Host == "alerts" ? "alerts" : site.Service == "grafana" ? "admin" : "metrics", Secret: false,
                $"Basic-auth user in front of {site.Host}.<domain>.");
            yield return new(site.Hash, "", Secret: true, HashHelp);
        }
    }
}

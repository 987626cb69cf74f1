using Microsoft.Extensions.Configuration;
using Npgsql;
using SignalHarvester.Data;
using SignalHarvester.Data.Caching;
using SignalHarvester.Data.Hosting;
using SignalHarvester.Domain;

namespace SignalHarvester.Tests.External;

/// <summary>What operators paste (URLs from a provider's console) becomes what Npgsql and StackExchange.Redis accept.</summary>
public sealed class ConnectionUrlTests
{
    private const string Password = "p@ss:w/rd?#%&";

    [Fact]
    public void A_postgresql_url_with_libpq_tls_parameters_becomes_an_npgsql_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString(
            $"postgresql://app:{Uri.EscapeDataString(Password)}@db.example.com:25060/harvest?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.crt"));

        Assert.Equal(("db.example.com", 25060, "harvest", "app", Password), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(SslMode.VerifyFull, builder.SslMode);
        Assert.Equal("/etc/ca.crt", builder.RootCertificate);
        Assert.Equal(SslMode.VerifyCA, new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgres://h/d?sslmode=verify-ca")).SslMode);
    }

    [Fact]
    public void The_masked_form_hides_the_password_and_shows_the_tls_mode()
    {
        var masked = DatabaseUrl.Masked(DatabaseUrl.ToConnectionString($"postgresql://app:{Uri.EscapeDataString(Password)}@h:5432/harvest?sslmode=verify-full"));

        Assert.Equal("postgresql://app:***@h:5432/harvest?sslmode=VerifyFull", masked);
    }

    [Fact]
    public void A_rediss_url_becomes_stackexchange_options_with_tls_and_the_ca_apart()
    {
        var cache = CacheUrl.Parse($"rediss://default:{Uri.EscapeDataString(Password)}@cache.example.com:6380/2?sslrootcert=%2Fetc%2Fca.crt");

        Assert.Equal($"cache.example.com:6380,user=default,password={Password},defaultDatabase=2,ssl=true", cache.ConnectionString);
        Assert.Equal("/etc/ca.crt", cache.CaCertificate);
        var options = StackExchange.Redis.ConfigurationOptions.Parse(cache.ConnectionString);
        Assert.True(options.Ssl);
        Assert.Equal(Password, options.Password);
    }

    [Fact]
    public void Redis_own_form_passes_through_and_gives_up_its_ca()
    {
        Assert.Equal(new CacheConnection("cache:6379,password=x", null), CacheUrl.Parse("cache:6379,password=x"));
        Assert.Equal(new CacheConnection("cache:6380,password=x,ssl=true", "/ca.crt"), CacheUrl.Parse("cache:6380,password=x,ssl=true,sslrootcert=/ca.crt"));
        Assert.Equal("cache:6379", CacheUrl.Parse("redis://cache").ConnectionString);
    }

    [Theory]
    [InlineData("http://cache:6379")]
    [InlineData("rediss://:pw@cache:6380?tls=1")]
    [InlineData("rediss://:a%2Cb@cache:6380")]
    [InlineData("redis://cache/zero")]
    public void A_cache_url_it_cannot_honour_is_refused_with_a_reason(string url) =>
        Assert.False(string.IsNullOrWhiteSpace(Assert.Throws<FormatException>(() => CacheUrl.Parse(url)).Message));

    [Fact]
    public void Services_read_urls_in_the_forms_their_clients_take_and_an_external_setting_wins()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Database}"] = "Host=bundled;Database=harvest;Username=postgres;Password=x",
            [ConnectionStringSettings.ExternalDatabase] = $"postgresql://app:{Uri.EscapeDataString(Password)}@managed:5432/harvest?sslmode=require",
            [$"ConnectionStrings:{ResourceNames.Cache}"] = $"rediss://:{Uri.EscapeDataString(Password)}@managed-cache:6380",
        }).Build();

        ConnectionStringSettings.UseDatabase(configuration);
        var cache = ConnectionStringSettings.UseCache(configuration);

        var database = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(ResourceNames.Database));
        Assert.Equal(("managed", Password, SslMode.Require), (database.Host, database.Password, database.SslMode));
        Assert.Equal($"managed-cache:6380,password={Password},ssl=true", configuration.GetConnectionString(ResourceNames.Cache));
        Assert.Null(cache!.CaCertificate);
    }
}

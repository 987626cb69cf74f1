using SignalHarvester.Api.Security;

namespace SignalHarvester.Tests.Api.Security;

public sealed class ApiKeyOptionsValidationTests
{
    [Fact]
    public void A_misspelt_scope_fails_validation_naming_the_key_and_the_scope()
    {
        var options = new ApiKeyOptions
        {
            Keys = [new ApiKeyDefinition { Name = "ops", Key = "k1", Scopes = "read admn" }, new ApiKeyDefinition { Name = "app", Key = "k2" }],
        };

        var result = new ApiKeyOptionsValidation().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal("Api:Keys: key 'ops' names the unknown scope 'admn' (known: read, write, admin).", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(null, new[] { "read", "write" })]
    [InlineData("  ", new[] { "read", "write" })]
    [InlineData("read", new[] { "read" })]
    [InlineData("Read, ADMIN write admin", new[] { "read", "admin", "write" })]
    [InlineData("admin", new[] { "read", "admin" })]
    public void Scopes_are_a_space_or_comma_separated_list_with_read_always_and_default_to_read_write(string? configured, string[] expected) =>
        Assert.Equal(expected, ApiScopes.Parse(configured));
}

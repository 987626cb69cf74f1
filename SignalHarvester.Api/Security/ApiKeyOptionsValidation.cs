using Microsoft.Extensions.Options;

namespace SignalHarvester.Api.Security;

/// <summary>A misspelt scope stops the API at start-up, naming the key, rather than silently granting less.</summary>
public sealed class ApiKeyOptionsValidation : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = options.Keys
            .SelectMany(key => key.GrantedScopes
                .Where(scope => !ApiScopes.Known.Contains(scope))
                .Select(scope => $"Api:Keys: key '{key.Name}' names the unknown scope '{scope}' (known: {string.Join(", ", ApiScopes.Known)})."))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

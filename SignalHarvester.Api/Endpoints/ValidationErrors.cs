namespace SignalHarvester.Api.Endpoints;

/// <summary>Field → messages for a 400 ValidationProblem; each message names its field.</summary>
internal sealed class ValidationErrors : Dictionary<string, string[]>
{
    public ValidationErrors Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            this[field] = [$"{field} {message}."];
        }

        return this;
    }
}

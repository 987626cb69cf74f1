namespace SignalHarvester.Api.Errors;

/// <summary>Errors as ProblemDetails for every client.</summary>
internal static class ProblemDetailsExtensions
{
    public static IServiceCollection AddApiProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        // The framework's writer is internal: wrap the registered one rather than copy it.
        var framework = services.Single(d => d.ServiceType == typeof(IProblemDetailsWriter));
        services.Remove(framework);
        services.AddSingleton<IProblemDetailsWriter>(provider =>
            new AnyAcceptProblemDetailsWriter((IProblemDetailsWriter)ActivatorUtilities.CreateInstance(provider, framework.ImplementationType!)));
        return services;
    }
}

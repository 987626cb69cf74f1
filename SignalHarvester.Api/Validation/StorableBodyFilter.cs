using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using SignalHarvester.Data;

namespace SignalHarvester.Api.Validation;

/// <summary>
/// Refuses a JSON body holding text PostgreSQL cannot store (see <see cref="StorableText"/>) before its handler
/// runs, with one 400 ValidationProblem naming each such field by its JSON path (<c>text</c>, <c>tags[1]</c>,
/// <c>filter.search</c>). It walks the bound body through its JSON contract (objects and lists: the request
/// contracts hold no dictionaries), so the names are the ones the client sent.
/// </summary>
internal static class StorableBodyFilter
{
    public static TBuilder RequireStorableBodies<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilterFactory((context, next) =>
        {
            // Minimal APIs bind the JSON body into the parameter whose type is one of ours and not a service.
            var services = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
            var index = Array.FindIndex(context.MethodInfo.GetParameters(),
                p => p.ParameterType.Assembly == typeof(StorableBodyFilter).Assembly && !services.IsService(p.ParameterType));
            if (index < 0)
            {
                return next; // no JSON body (none at all, or one the handler reads itself, like a CSV import)
            }

            var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            return invocation =>
            {
                var errors = new ValidationErrors();
                Collect(errors, invocation.Arguments[index], json, "body");
                return errors.Any ? ValueTask.FromResult<object?>(errors.ToProblem()) : next(invocation);
            };
        });

    private static void Collect(ValidationErrors errors, object? value, JsonSerializerOptions json, string path)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                errors.RequireStorable(text, path);
                return;
        }

        var contract = json.GetTypeInfo(value.GetType());
        if (contract.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in contract.Properties.Where(p => p.Get is not null))
            {
                Collect(errors, property.Get!(value), json, path == "body" ? property.Name : $"{path}.{property.Name}");
            }
        }
        else if (contract.Kind == JsonTypeInfoKind.Enumerable)
        {
            var i = 0;
            foreach (var item in (IEnumerable)value)
            {
                Collect(errors, item, json, $"{path}[{i++}]");
            }
        }
    }
}

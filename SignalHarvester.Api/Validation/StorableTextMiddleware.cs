using SignalHarvester.Data;

namespace SignalHarvester.Api.Validation;

/// <summary>
/// Refuses a request whose query values or route values hold text PostgreSQL cannot store, with one 400
/// ValidationProblem naming each such parameter. Every query parameter is checked, bound or not, so no
/// handler has to remember to. (Kestrel already refuses a NUL in the path; route values are checked so
/// that holds behind any server.)
/// </summary>
internal sealed class StorableTextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        foreach (var (name, values) in context.Request.Query)
        {
            errors.RequireStorable(values.ToString(), name);
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            errors.RequireStorable(value as string, name);
        }

        if (errors.Any)
        {
            await errors.ToProblem().ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}

namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// Reads the JSON body (via <see cref="JsonBody"/>: malformed JSON or a wrong type names the field), runs
/// <typeparamref name="TValidator"/>, and answers a 400 validation problem before the handler runs; a valid body
/// reaches the handler through its <see cref="Valid{TBody}"/> parameter.
/// </summary>
public sealed class ValidationFilter<TBody, TValidator> : IEndpointFilter
    where TBody : class
    where TValidator : IBodyValidator<TBody>
{
    private static readonly ObjectFactory<TValidator> CreateValidator = ActivatorUtilities.CreateFactory<TValidator>([]);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (body, readErrors) = await JsonBody.ReadAsync<TBody>(http);
        if (readErrors is not null)
            return TypedResults.ValidationProblem(readErrors);
        var errors = new ValidationErrors();
        await CreateValidator(http.RequestServices, []).ValidateAsync(body!, errors, http.RequestAborted);
        if (errors.Count > 0)
            return errors.ToProblem();
        context.Arguments.OfType<Valid<TBody>>().Single().Set(body!);
        return await next(context);
    }
}

public static class ValidationEndpoints
{
    /// <summary>Validates the body with <typeparamref name="TValidator"/> before the handler, and documents the body and the 400.</summary>
    public static RouteHandlerBuilder WithValidation<TBody, TValidator>(this RouteHandlerBuilder builder)
        where TBody : class
        where TValidator : IBodyValidator<TBody> =>
        builder.AddEndpointFilter(new ValidationFilter<TBody, TValidator>())
            .Accepts<TBody>("application/json")
            .ProducesValidationProblem();
}

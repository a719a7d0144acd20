using System.Reflection;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// Calls an API endpoint's handler from a page, with its parameters bound as the endpoint binds them for a request:
/// the route id and the validated body from the caller, the cancellation token, and every other parameter from
/// the change's own DI scope. The page thereby runs the very code the API runs, not a copy of it.
/// </summary>
public static class HandlerCall
{
    public static async Task<IResult> InvokeAsync(Delegate handler, IServiceProvider services, long? id, object? body, CancellationToken cancellationToken)
    {
        var parameters = handler.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = Bind(parameters[i], services, id, body, cancellationToken);
        var returned = handler.DynamicInvoke(arguments);
        if (returned is not Task task)
            throw new InvalidOperationException($"{handler.Method.Name} does not return a task");
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task) as IResult
            ?? throw new InvalidOperationException($"{handler.Method.Name} does not return an IResult");
    }

    private static object? Bind(ParameterInfo parameter, IServiceProvider services, long? id, object? body, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
            return cancellationToken;
        if (type == typeof(long) && parameter.Name == "id")
            return id ?? throw new InvalidOperationException($"{parameter.Member.Name} needs an id");
        if (body is not null && type.IsInstanceOfType(body))
            return body;
        return services.GetRequiredService(type);
    }
}

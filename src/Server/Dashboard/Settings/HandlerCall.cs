using System.Reflection;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// Calls an API endpoint's handler from a page, with its parameters bound as the endpoint binds them for a request:
/// the route values (<c>id</c>, <c>name</c>) and the validated body from the caller, the cancellation token, and every other parameter from
/// the change's own DI scope. The page thereby runs the very code the API runs, not a copy of it.
/// </summary>
public static class HandlerCall
{
    public static Task<IResult> InvokeAsync(Delegate handler, IServiceProvider services, long? id, object? body, CancellationToken cancellationToken) =>
        InvokeAsync(handler, services, id is { } value ? new Dictionary<string, object> { ["id"] = value } : Empty, body, cancellationToken);

    private static readonly Dictionary<string, object> Empty = [];

    public static async Task<IResult> InvokeAsync(
        Delegate handler, IServiceProvider services, IReadOnlyDictionary<string, object> route, object? body, CancellationToken cancellationToken)
    {
        var parameters = handler.Method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            arguments[i] = Bind(parameters[i], services, route, body, cancellationToken);
        var returned = handler.DynamicInvoke(arguments);
        if (returned is not Task task)
            throw new InvalidOperationException($"{handler.Method.Name} does not return a task");
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))?.GetValue(task) as IResult
            ?? throw new InvalidOperationException($"{handler.Method.Name} does not return an IResult");
    }

    private static object? Bind(
        ParameterInfo parameter, IServiceProvider services, IReadOnlyDictionary<string, object> route, object? body, CancellationToken cancellationToken)
    {
        var type = parameter.ParameterType;
        if (type == typeof(CancellationToken))
            return cancellationToken;
        if (parameter.Name is { } name && route.TryGetValue(name, out var value))
            return type.IsInstanceOfType(value) ? value : throw new InvalidOperationException($"route value {name} is not a {type.Name}");
        if (type == typeof(long) || type == typeof(string))
            throw new InvalidOperationException($"{parameter.Member.Name} needs the route value {parameter.Name}");
        if (body is not null && type.IsInstanceOfType(body))
            return body;
        return services.GetRequiredService(type);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Linkwatch.Server.Dashboard.Settings;

/// <summary>
/// Every change a settings page makes goes through here, to the same validator and the same handler as the API
/// endpoint for it, so the two refuse the same things in the same words and change the store the same way. The
/// page hides what the user may not do, but the circuit is the user's to drive: the policy is checked here, on
/// the server, for every change. Each change gets a DI scope (so a context) of its own, like a request.
/// </summary>
public sealed class DashboardChanges(
    IServiceScopeFactory scopes, IAuthorizationService authorization, AuthenticationStateProvider authentication)
{
    /// <summary>What a form shows when the user's role does not allow the change.</summary>
    public const string NotAllowed = "your role does not allow this change";

    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<bool> AllowedAsync(string policy) => (await authorization.AuthorizeAsync(await UserAsync(), policy)).Succeeded;

    /// <summary>
    /// Validates <paramref name="body"/> with <typeparamref name="TValidator"/> (the endpoint's own) and, when it is
    /// valid, runs <paramref name="change"/>, which calls the endpoint's handler with the request's services.
    /// </summary>
    public async Task<ChangeOutcome<TValue>> SubmitAsync<TBody, TValidator, TValue>(
        string policy, TBody body, Func<IServiceProvider, Valid<TBody>, CancellationToken, Task<IResult>> change, CancellationToken cancellationToken)
        where TBody : class
        where TValidator : IBodyValidator<TBody>
    {
        if (!await AllowedAsync(policy))
            return ChangeOutcome<TValue>.Refused(NotAllowed);
        await using var scope = await ChangeScopeAsync();
        var errors = new ValidationErrors();
        await ActivatorUtilities.CreateInstance<TValidator>(scope.ServiceProvider).ValidateAsync(body, errors, cancellationToken);
        if (errors.Count > 0)
            return ChangeOutcome<TValue>.Invalid(errors.Fields);
        var valid = new Valid<TBody>();
        valid.Set(body);
        return ChangeOutcome<TValue>.From(await change(scope.ServiceProvider, valid, cancellationToken));
    }

    /// <summary>
    /// A form's save: reads the body from the form's text (faults of the text go to <paramref name="errors"/>), then
    /// validates and changes as <see cref="SubmitAsync"/> does. With faults in the text nothing is stored, but the
    /// validator still judges the rest, so one save names every bad field. Returns the endpoint's answer, or null
    /// when refused (and <paramref name="errors"/> says why).
    /// </summary>
    public async Task<TValue?> SaveAsync<TBody, TValidator, TValue>(
        FormErrors errors, Func<FormErrors, TBody> read, string policy,
        Func<IServiceProvider, Valid<TBody>, CancellationToken, Task<IResult>> change, CancellationToken cancellationToken)
        where TBody : class
        where TValidator : IBodyValidator<TBody>
        where TValue : class
    {
        errors.Clear();
        var body = read(errors);
        if (errors.Any)
        {
            errors.Merge(await ValidateAsync<TBody, TValidator>(body, cancellationToken));
            return null;
        }
        var outcome = await SubmitAsync<TBody, TValidator, TValue>(policy, body, change, cancellationToken);
        return errors.Take(outcome) ? outcome.Value : null;
    }

    /// <summary>The validator's findings alone, for a form whose text already has faults and must not be stored.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync<TBody, TValidator>(TBody body, CancellationToken cancellationToken)
        where TBody : class
        where TValidator : IBodyValidator<TBody>
    {
        await using var scope = scopes.CreateAsyncScope();
        var errors = new ValidationErrors();
        await ActivatorUtilities.CreateInstance<TValidator>(scope.ServiceProvider).ValidateAsync(body, errors, cancellationToken);
        return errors.Fields;
    }

    /// <summary>A change without a body (delete, pause, test): the policy, then the endpoint's handler.</summary>
    public async Task<ChangeOutcome<TValue>> RunAsync<TValue>(
        string policy, Func<IServiceProvider, CancellationToken, Task<IResult>> change, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(policy))
            return ChangeOutcome<TValue>.Refused(NotAllowed);
        await using var scope = await ChangeScopeAsync();
        return ChangeOutcome<TValue>.From(await change(scope.ServiceProvider, cancellationToken));
    }

    /// <summary>
    /// A change that is no single endpoint's (a config file applied): the policy, then <paramref name="change"/> in a
    /// scope whose audit entries name the user. Not allowed: (false, default).
    /// </summary>
    public async Task<(bool Allowed, T? Value)> ChangeAsync<T>(
        string policy, Func<IServiceProvider, CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(policy))
            return (false, default);
        await using var scope = await ChangeScopeAsync();
        return (true, await change(scope.ServiceProvider, cancellationToken));
    }

    /// <summary>A scope for one change, whose audit entries name the circuit's user.</summary>
    private async Task<AsyncServiceScope> ChangeScopeAsync()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Platform.Audit.AuditActor>().Set(await UserAsync());
        return scope;
    }

    /// <summary>
    /// Agent names for a form's choices, by name. Rules, silences and windows may name a revoked agent (it can be
    /// re-enrolled); a check is only offered agents that can run it.
    /// </summary>
    public Task<List<string>> AgentNamesAsync(bool withRevoked, CancellationToken cancellationToken) =>
        ReadAsync((services, ct) => services.GetRequiredService<LinkwatchDbContext>().Agents.AsNoTracking()
            .Where(a => withRevoked || !a.Revoked).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct), cancellationToken);

    /// <summary>A read the settings pages need, in a scope of its own.</summary>
    public async Task<T> ReadAsync<T>(Func<IServiceProvider, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider, cancellationToken);
    }
}

/// <summary>
/// How a change went: done (with the endpoint's answer, when it has one), refused with field errors (the
/// validator's, keyed as the API keys them: <c>name</c>, <c>options.port</c>), or refused as a whole.
/// </summary>
public sealed record ChangeOutcome<TValue>(bool Done, TValue? Value, IReadOnlyDictionary<string, string[]> Errors, string? Problem)
{
    private static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

    public static ChangeOutcome<TValue> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(false, default, errors, null);

    public static ChangeOutcome<TValue> Refused(string problem) => new(false, default, None, problem);

    /// <summary>Reads an endpoint handler's typed result the way its HTTP answer would read.</summary>
    public static ChangeOutcome<TValue> From(IResult result)
    {
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        return inner switch
        {
            ProblemHttpResult problem => Refused(problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "refused"),
            ValidationProblem invalid => Invalid(invalid.ProblemDetails.Errors.ToDictionary()),
            IValueHttpResult<TValue> value => new(true, value.Value, None, null),
            IStatusCodeHttpResult { StatusCode: >= 400 } status => Refused($"refused with status {status.StatusCode}"),
            _ => new(true, default, None, null),
        };
    }
}

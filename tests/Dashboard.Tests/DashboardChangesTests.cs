using Linkwatch.Server.Dashboard.Settings;
using Linkwatch.Server.Platform.Auth;
using Linkwatch.Server.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Linkwatch.Dashboard.Tests;

/// <summary>
/// The circuit is the user's to drive: whatever a page shows, a change is refused on the server unless the user's
/// role allows it, and the endpoint's handler never runs.
/// </summary>
public sealed class DashboardChangesTests : ComponentTest
{
    private sealed record Body(string? Name);

    private sealed class RefuseEmptyName : IBodyValidator<Body>
    {
        public ValueTask ValidateAsync(Body body, ValidationErrors errors, CancellationToken cancellationToken)
        {
            errors.Name(body.Name);
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task A_viewer_is_refused_before_the_validator_or_the_handler_runs()
    {
        var changes = Services.GetRequiredService<DashboardChanges>();
        var ran = false;
        var outcome = await changes.SubmitAsync<Body, RefuseEmptyName, string>(Policies.Edit, new Body("x"), (_, _, _) =>
        {
            ran = true;
            return Task.FromResult<IResult>(TypedResults.Ok("done"));
        }, CancellationToken.None);
        Assert.False(outcome.Done);
        Assert.Equal(DashboardChanges.NotAllowed, outcome.Problem);
        Assert.False(ran);

        var deleted = await changes.RunAsync<object>(Policies.Edit, (_, _) => { ran = true; return Task.FromResult<IResult>(TypedResults.NoContent()); },
            CancellationToken.None);
        Assert.False(deleted.Done);
        Assert.False(ran);
    }

    [Fact]
    public async Task An_editor_gets_the_validators_words_keyed_by_field_and_then_the_handlers_answer()
    {
        Authorization.SetPolicies(Policies.Edit);
        var changes = Services.GetRequiredService<DashboardChanges>();
        var invalid = await changes.SubmitAsync<Body, RefuseEmptyName, string>(Policies.Edit, new Body(" "),
            (_, _, _) => Task.FromResult<IResult>(TypedResults.Ok("done")), CancellationToken.None);
        Assert.False(invalid.Done);
        Assert.Equal(["name is required"], invalid.Errors["name"]);

        var done = await changes.SubmitAsync<Body, RefuseEmptyName, string>(Policies.Edit, new Body("ok"),
            (_, body, _) => Task.FromResult<IResult>(TypedResults.Ok(body.Value.Name)), CancellationToken.None);
        Assert.True(done.Done);
        Assert.Equal("ok", done.Value);

        // An administrator's change stays refused to an editor.
        var minted = await changes.RunAsync<object>(Policies.Administer, (_, _) => Task.FromResult<IResult>(TypedResults.NoContent()), CancellationToken.None);
        Assert.False(minted.Done);
    }

    [Fact]
    public void A_handlers_problem_and_validation_answers_read_as_the_API_would_answer()
    {
        var notFound = ChangeOutcome<string>.From(Problems.NotFound("check", 7));
        Assert.False(notFound.Done);
        Assert.Equal("no check with id 7", notFound.Problem);
        var invalid = ChangeOutcome<string>.From(TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["target"] = ["target is empty"] }));
        Assert.Equal(["target is empty"], invalid.Errors["target"]);
    }
}

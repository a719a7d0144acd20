using System.Security.Claims;
using Linkwatch.Server.Alerts.Api;
using Linkwatch.Server.Platform.Health;
using Microsoft.AspNetCore.Authorization;

namespace Linkwatch.Server.Dashboard;

/// <summary>
/// Changes the alert pages make. The page hides the button from those who may not press it, but the
/// circuit is the user's to drive: the policy is checked here again, on the server, for every change.
/// </summary>
public sealed class AlertActions(LinkwatchDbContext db, LiveEvents live, TimeProvider time, IAuthorizationService authorization)
{
    public async Task<AckOutcome?> AcknowledgeAsync(ClaimsPrincipal user, long alertId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Edit)).Succeeded)
            return null;
        return await AlertAcknowledgement.AcknowledgeAsync(db, live, time, alertId, cancellationToken);
    }
}

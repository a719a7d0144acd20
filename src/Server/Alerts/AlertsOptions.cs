using Linkwatch.Server.Platform.Store.Migrations;

namespace Linkwatch.Server.Alerts;

/// <summary>The <c>Alerts</c> section.</summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>
    /// The dashboard's address as people reach it (e.g. https://linkwatch.lan), for links in
    /// notifications. Unset: notifications carry no link, since the server cannot know its public name.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// The Apprise command line the apprise channel runs: Debian's <c>apprise</c> package puts it on the PATH;
    /// a path here serves installs elsewhere (a virtualenv, /usr/local).
    /// </summary>
    public string AppriseCommand { get; set; } = "apprise";
}

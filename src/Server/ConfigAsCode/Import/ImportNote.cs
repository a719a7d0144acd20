namespace Linkwatch.Server.ConfigAsCode.Import;

/// <summary>One thing an import did not translate, or something the user must do.</summary>
/// <param name="Item">Where in the source, e.g. <c>monitorList[3] "My API"</c> or <c>endpoints[2] "api" condition "[BODY].status == UP"</c>.</param>
/// <param name="Reason">Why it was not translated, or what the user must do. Never holds a secret's value.</param>
public sealed record ImportNote(string Item, string Reason);

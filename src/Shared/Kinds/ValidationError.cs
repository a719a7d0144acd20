namespace Linkwatch.Shared.Kinds;

/// <summary>One problem with a check's input; <see cref="Field"/> is the camelCase name of the bad field or option.</summary>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => Message;
}

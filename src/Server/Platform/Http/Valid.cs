namespace Linkwatch.Server.Platform.Http;

/// <summary>
/// A handler's parameter for a request body that <see cref="ValidationFilter{TBody, TValidator}"/> has read and
/// found valid. Binding only makes the empty holder: the filter reads the body, so that malformed JSON is a problem
/// naming the field rather than the framework's bare 400.
/// </summary>
public sealed class Valid<TBody> where TBody : class
{
    private TBody? _value;

    public TBody Value => _value ?? throw new InvalidOperationException(
        $"{typeof(TBody).Name} is only read by an endpoint mapped with WithValidation<{typeof(TBody).Name}, TValidator>()");

    internal void Set(TBody value) => _value = value;

    public static ValueTask<Valid<TBody>?> BindAsync(HttpContext context) => ValueTask.FromResult<Valid<TBody>?>(new Valid<TBody>());
}

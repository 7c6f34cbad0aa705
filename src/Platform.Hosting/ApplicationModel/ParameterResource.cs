namespace Platform.Hosting.ApplicationModel;

/// <summary>
/// A value the app model takes from configuration (<c>Parameters:{name}</c>); a missing secret is generated once per run.
/// </summary>
public sealed class ParameterResource : Resource
{
    private readonly Lock _lock = new();
    private readonly Func<string> _valueFactory;
    private string? _value;

    /// <summary>Creates a parameter whose value <paramref name="valueFactory"/> computes on first use.</summary>
    public ParameterResource(string name, Func<string> valueFactory, bool secret)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(valueFactory);
        _valueFactory = valueFactory;
        Secret = secret;
    }

    /// <summary>True when the value must never be shown unmasked.</summary>
    public bool Secret { get; }

    /// <summary>The value, computed once.</summary>
    /// <exception cref="DistributedApplicationException">The parameter is not secret and configuration does not set it.</exception>
    public string Value
    {
        get
        {
            lock (_lock)
            {
                return _value ??= _valueFactory();
            }
        }
    }

    // A password persisted beside a data volume wins over a freshly generated one.
    internal void SetValue(string value)
    {
        lock (_lock)
        {
            _value = value;
        }
    }
}

namespace ProactiveMessaging.Model.Internal;

/// <summary>An optional argument that distinguishes "not given" from "given as null".</summary>
internal readonly struct Optional<T>
{
    public Optional(T value)
    {
        Value = value;
        HasValue = true;
    }

    public T Value { get; }

    public bool HasValue { get; }

    public static implicit operator Optional<T>(T value) => new(value);
}

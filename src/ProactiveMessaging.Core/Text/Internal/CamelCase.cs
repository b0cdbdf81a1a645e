namespace ProactiveMessaging.Text.Internal;

/// <summary>
/// How the library writes a name in JSON and in problems: the .NET name with its first letter in
/// lower case (<c>OncePerVisit</c> is <c>oncePerVisit</c>), for enum values and operators alike.
/// </summary>
internal static class CamelCase
{
    /// <summary>Gets the camel-case form of a Pascal-case name.</summary>
    public static string From(string name) =>
        name.Length == 0 || char.IsLower(name[0])
            ? name
            : string.Create(name.Length, name, static (span, source) =>
            {
                source.AsSpan().CopyTo(span);
                span[0] = char.ToLowerInvariant(span[0]);
            });
}

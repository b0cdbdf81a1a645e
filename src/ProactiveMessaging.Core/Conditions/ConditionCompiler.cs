using System.Collections.Immutable;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Conditions;

/// <summary>
/// Validates a message's conditions against a <see cref="FieldCatalog"/> and compiles them, once
/// per published message, into <see cref="CompiledConditions"/>.
/// </summary>
/// <remarks>Thread-safe once constructed; the options are read at construction.</remarks>
public sealed class ConditionCompiler
{
    /// <summary>The path of the root group in problems and explanations.</summary>
    internal const string RootPath = "$.rules.conditions";

    private readonly ConditionTreeValidator _validator;
    private readonly TimeSpan _patternTimeout;

    /// <summary>Creates a compiler.</summary>
    /// <param name="options">The limits (depth, count, pattern length, list size) and the pattern time-out; <see langword="null"/> for the defaults.</param>
    /// <param name="fields">The fields; <see langword="null"/> for <see cref="FieldCatalog.Default"/>.</param>
    public ConditionCompiler(ConditionOptions? options = null, FieldCatalog? fields = null)
    {
        options ??= new ConditionOptions();
        Catalog = fields ?? FieldCatalog.Default;
        _validator = ConditionTreeValidator.Create(options, Catalog, buildPatterns: true);
        _patternTimeout = options.PatternMatchTimeout;
    }

    /// <summary>Gets a compiler with the default limits and the built-in fields.</summary>
    public static ConditionCompiler Default { get; } = new();

    /// <summary>Gets the catalog conditions are checked against.</summary>
    public FieldCatalog Catalog { get; }

    /// <summary>Validates and compiles conditions, reporting every problem at once with its path (such as <c>$.rules.conditions.any[1].all[0].value</c>).</summary>
    /// <param name="conditions">The root group.</param>
    /// <returns>The compiled conditions, or the problems.</returns>
    /// <remarks>
    /// Validation and binding are one pass: each condition is bound once, and the compiled form is built
    /// from those bound conditions. Every <c>matchesPattern</c> regex comes from a process-wide cache of
    /// at most 1,024 patterns, so a pattern repeated across messages is built once. A tree nested as deep
    /// as memory allows is refused with <see cref="ConditionProblemCodes.TooDeep"/>; nothing recurses on it.
    /// </remarks>
    public ValidationResult<CompiledConditions> Compile(ConditionGroup conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var problems = ImmutableArray.CreateBuilder<Problem>();
        var bound = new Dictionary<Condition, BoundCondition>(ReferenceEqualityComparer.Instance);
        _validator.Validate(conditions, RootPath, problems, bound);
        if (problems.Count > 0)
        {
            return ValidationResult<CompiledConditions>.Failure(problems.ToImmutable());
        }

        var code = new ProgramBuilder(bound).Build(conditions, out var checks);
        var compiled = new CompiledConditions(conditions, Catalog, checks, code, new ReferenceInterpreter(Catalog, _patternTimeout));
        return ValidationResult<CompiledConditions>.Success(compiled);
    }

    /// <summary>Creates the plain reference interpreter for the same catalog and time-out (tests and tools).</summary>
    internal ReferenceInterpreter CreateReference() => new(Catalog, _patternTimeout);
}

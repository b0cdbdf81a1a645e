using System.Text.RegularExpressions;

namespace ProactiveMessaging.Conditions.Internal;

/// <summary>
/// The <c>matchesPattern</c> regexes built so far, one per distinct pattern text, options and match
/// time-out, shared by every validator, compiler and explanation of the process.
/// </summary>
/// <remarks>
/// <para>
/// Building a linear-time regex costs about a millisecond (its construction analyses the whole
/// pattern) and its first match builds part of its automaton, so a catalog of 10,000 messages that
/// repeat a few patterns builds each pattern once, not once per message and again per compilation.
/// A pattern the engine refuses is remembered with its refusal, so a repeated bad pattern is also
/// examined once.
/// </para>
/// <para>
/// Bounded: at most <see cref="Capacity"/> entries (<see cref="DefaultCapacity"/> for
/// <see cref="Shared"/>); adding one more evicts the least recently used, so distinct patterns from
/// hostile input cannot make it grow without end. A compiled message keeps its own reference to its
/// regex, so an eviction never affects a compiled message. Thread-safe: lookups take a short lock, and
/// building happens outside it (two threads may build the same new pattern at once; the first stored
/// wins, and both get that one).
/// </para>
/// </remarks>
internal sealed class PatternCache
{
    /// <summary>The capacity of <see cref="Shared"/>: 1,024 patterns.</summary>
    public const int DefaultCapacity = 1_024;

    private readonly Lock _gate = new();
    private readonly Dictionary<Key, LinkedListNode<Entry>> _entries;

    /// <summary>The entries, most recently used first.</summary>
    private readonly LinkedList<Entry> _recency = new();

    public PatternCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _entries = new Dictionary<Key, LinkedListNode<Entry>>(capacity);
    }

    /// <summary>Gets the cache every part of the library uses.</summary>
    public static PatternCache Shared { get; } = new(DefaultCapacity);

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Whether the cache holds a pattern, without building it or changing its recency (for tests).</summary>
    public bool Contains(string pattern, bool ignoreCase, TimeSpan timeout)
    {
        lock (_gate)
        {
            return _entries.ContainsKey(new Key(pattern, PatternRules.Options(ignoreCase), timeout));
        }
    }

    /// <summary>Gets the regex of a pattern, building and warming it the first time, or the engine's refusal of it.</summary>
    /// <param name="pattern">The pattern text.</param>
    /// <param name="ignoreCase">Whether the field compares without case.</param>
    /// <param name="timeout">The match time-out the regex carries.</param>
    public PatternResult Get(string pattern, bool ignoreCase, TimeSpan timeout)
    {
        var key = new Key(pattern, PatternRules.Options(ignoreCase), timeout);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var found))
            {
                _recency.Remove(found);
                _recency.AddFirst(found);
                return found.Value.Result;
            }
        }

        var built = Build(key);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var raced))
            {
                return raced.Value.Result;
            }

            _entries[key] = _recency.AddFirst(new Entry(key, built));
            if (_entries.Count > Capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }

        return built;
    }

    /// <summary>
    /// Stores <paramref name="regex"/> as the built regex of a pattern, replacing any entry. For tests:
    /// a regex whose match times out on demand drives the time-out path without depending on how
    /// long a real match takes on the machine.
    /// </summary>
    public void Set(string pattern, bool ignoreCase, TimeSpan timeout, Regex regex)
    {
        var key = new Key(pattern, PatternRules.Options(ignoreCase), timeout);
        lock (_gate)
        {
            if (_entries.Remove(key, out var old))
            {
                _recency.Remove(old);
            }

            _entries[key] = _recency.AddFirst(new Entry(key, new PatternResult(regex, null, null)));
            if (_entries.Count > Capacity)
            {
                var oldest = _recency.Last!;
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }
    }

    private static PatternResult Build(Key key)
    {
        try
        {
            var regex = new Regex(key.Pattern, key.Options, key.Timeout);
            PatternRules.WarmUp(regex);
            return new PatternResult(regex, null, null);
        }
        catch (NotSupportedException exception)
        {
            return new PatternResult(null, ConditionProblemCodes.PatternUnsupported, PatternRules.UnsupportedMessage(exception.Message));
        }
        catch (ArgumentException exception)
        {
            return new PatternResult(null, ConditionProblemCodes.PatternInvalid, PatternRules.InvalidMessage(exception.Message));
        }
    }

    private readonly record struct Key(string Pattern, RegexOptions Options, TimeSpan Timeout);

    private sealed record Entry(Key Key, PatternResult Result);
}

/// <summary>A built regex, or the code and message of the problem that refuses its pattern.</summary>
internal sealed record PatternResult(Regex? Regex, string? Code, string? Message);

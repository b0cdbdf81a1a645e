using System.Text;

namespace ProactiveMessaging.Experiments.Internal;

/// <summary>
/// A visitor's three positions in a message's experiment, each in basis points (0 to 9,999): one
/// for the rollout, one for the holdout and one for the variant. In the rollout when the rollout
/// position is below the rollout's basis points, held out when the holdout position is below the
/// holdout's, and shown the first variant whose cumulative weight passes the variant position.
/// </summary>
/// <remarks>
/// <para>
/// From one 64-bit hash h: the rollout position is the high 64 bits of h x 10,000; the low 64 bits
/// (the fraction left over) times 10,000 give the holdout position the same way, and what is left of
/// that the variant position. For a uniform h the three are uniform and independent to within
/// 2^-37, so changing one percentage moves no visitor in the other two draws.
/// </para>
/// <para>
/// h is XXH64 of the visitor id's bytes (ids are ASCII), seeded with XXH64 of the UTF-8 bytes of
/// "workspace id \n message id \n salt" (seed 0), which the plan computes once per message.
/// </para>
/// </remarks>
internal readonly struct ExperimentPositions
{
    /// <summary>Every position is below this: 100 % in basis points.</summary>
    public const int Scale = 10_000;

    private ExperimentPositions(int rollout, int holdout, int variant)
    {
        Rollout = rollout;
        Holdout = holdout;
        Variant = variant;
    }

    /// <summary>Gets the rollout position.</summary>
    public int Rollout { get; }

    /// <summary>Gets the holdout position.</summary>
    public int Holdout { get; }

    /// <summary>Gets the variant position.</summary>
    public int Variant { get; }

    /// <summary>The seed of a message's experiment: a hash of the workspace, the message and the salt.</summary>
    public static ulong Seed(string workspaceId, string messageId, string salt) =>
        XxHash64.Hash(Encoding.UTF8.GetBytes($"{workspaceId}\n{messageId}\n{salt}"), 0);

    /// <summary>The positions of a visitor under a message's seed.</summary>
    public static ExperimentPositions Of(ulong seed, string visitorId)
    {
        // Visitor ids are at most 256 ASCII characters (IdRule): narrowed on the stack, never on the
        // heap, into a buffer of the id's own length (a stack buffer is zeroed before use).
        var id = visitorId.AsSpan(0, Math.Min(visitorId.Length, IdRule.MaxVisitorIdLength));
        Span<byte> bytes = stackalloc byte[id.Length];
        var length = Encoding.ASCII.GetBytes(id, bytes);
        return FromHash(XxHash64.Hash(bytes[..length], seed));
    }

    /// <summary>The positions a hash gives (see the remarks).</summary>
    public static ExperimentPositions FromHash(ulong hash)
    {
        var rollout = Math.BigMul(hash, Scale, out var fraction);
        var holdout = Math.BigMul(fraction, Scale, out fraction);
        var variant = Math.BigMul(fraction, Scale, out _);
        return new ExperimentPositions((int)rollout, (int)holdout, (int)variant);
    }
}

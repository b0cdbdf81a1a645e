using System.Globalization;
using ProactiveMessaging.Tests.Serialization;

namespace ProactiveMessaging.Tests.Fuzzing;

/// <summary>
/// Mutations of the example payloads and of every regression input, fed to every JSON reader:
/// none may throw, each must return a value or located problems, and each must finish within
/// <see cref="JsonReaders.Bound"/>.
/// </summary>
/// <remarks>
/// A few thousand inputs from a fixed seed run with the suite. For a longer run set
/// <c>PROACTIVE_FUZZ_ITERATIONS</c> (such as 200000); the seed is then drawn at random and printed,
/// unless <c>PROACTIVE_FUZZ_SEED</c> gives one. Input <c>i</c> of a run from seed <c>s</c> comes
/// from seed <c>s + i</c> alone, so <c>PROACTIVE_FUZZ_SEED=s+i PROACTIVE_FUZZ_ITERATIONS=1</c>
/// replays it. A failing input is saved to a file whose path the failure gives: add it to
/// <c>Fuzzing/Regressions/</c> so that it stays a regression case.
/// </remarks>
[Collection(nameof(TimeBoundTests))]
public sealed class JsonFuzzTests
{
    private const int DefaultIterations = 4000;
    private const int DefaultSeed = 20_261_120;
    private const int MaxReportedFailures = 10;

    [Fact]
    public async Task Readers_MutatedExamples_ReturnProblemsAndNeverThrow()
    {
        var iterations = Setting("PROACTIVE_FUZZ_ITERATIONS") ?? DefaultIterations;
        var seed = Setting("PROACTIVE_FUZZ_SEED") ?? (iterations == DefaultIterations ? DefaultSeed : Random.Shared.Next());
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"Fuzzing {iterations} inputs from seed {seed}.");

        var corpus = Corpus();
        var pool = JsonMutator.TokenPool(corpus.Select(c => c.Bytes));
        var failures = new List<string>();
        var slowest = (Seed: 0, Elapsed: TimeSpan.Zero);
        for (var i = 0; i < iterations && failures.Count < MaxReportedFailures; i++)
        {
            var inputSeed = unchecked(seed + i);
            var (name, document) = Pick(corpus, inputSeed);
            var (input, mutations) = JsonMutator.Mutate(document, pool, inputSeed);

            var outcome = await JsonReaders.RunAsync(input, TestContext.Current.CancellationToken);

            if (outcome.Elapsed > slowest.Elapsed)
            {
                slowest = (inputSeed, outcome.Elapsed);
            }

            if (outcome.Failure is not null)
            {
                var saved = Save(input, inputSeed);
                failures.Add($"Input seed {inputSeed} ({name}: {mutations}) {outcome.Failure}\n  Saved to {saved}. Replay: PROACTIVE_FUZZ_SEED={inputSeed} PROACTIVE_FUZZ_ITERATIONS=1.");
            }
        }

        output?.WriteLine($"Slowest input: seed {slowest.Seed}, {slowest.Elapsed.TotalMilliseconds:F0} ms.");

        Assert.True(failures.Count == 0, $"Seed {seed}: {failures.Count} input(s) broke a reader's promise:\n{string.Join("\n", failures)}");
    }

    [Fact]
    public void Mutate_SameSeed_GivesTheSameInput()
    {
        var corpus = Corpus();
        var pool = JsonMutator.TokenPool(corpus.Select(c => c.Bytes));

        for (var seed = 0; seed < 200; seed++)
        {
            var document = corpus[seed % corpus.Count].Bytes;
            Assert.Equal(JsonMutator.Mutate(document, pool, seed), JsonMutator.Mutate(document, pool, seed), MutationComparer.Instance);
        }
    }

    [Fact]
    public void Tokenize_ThenJoin_GivesTheText()
    {
        foreach (var (name, bytes) in Corpus())
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.True(text == string.Concat(JsonMutator.Tokenize(text)), name);
        }
    }

    /// <summary>The published examples and every regression input, by file name.</summary>
    internal static List<(string Name, byte[] Bytes)> Corpus() =>
    [
        .. Directory.GetFiles(GoldenFileTests.ExamplesDirectory, "*.json").Order(StringComparer.Ordinal).Select(f => ("docs/examples/" + Path.GetFileName(f), File.ReadAllBytes(f))),
        .. Directory.GetFiles(RegressionTests.RegressionsDirectory, "*.json").Order(StringComparer.Ordinal).Select(f => ("Regressions/" + Path.GetFileName(f), File.ReadAllBytes(f))),
    ];

    /// <summary>
    /// The document input <paramref name="seed"/> starts from: mostly an example, as regression
    /// inputs are refused early (most hold a lone surrogate) and leave little for mutations to reach.
    /// </summary>
    internal static (string Name, byte[] Bytes) Pick(List<(string Name, byte[] Bytes)> corpus, int seed)
    {
        var random = new Random(~seed);
        var examples = corpus.Count(c => c.Name.StartsWith("docs/", StringComparison.Ordinal));
        return random.Next(10) < 8 ? corpus[random.Next(examples)] : corpus[examples + random.Next(corpus.Count - examples)];
    }

    private static int? Setting(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static string Save(byte[] input, int seed)
    {
        var directory = Path.Combine(Path.GetTempPath(), "proactive-fuzz");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"seed-{seed}.json"));
        File.WriteAllBytes(path, input);
        return path;
    }

    private sealed class MutationComparer : IEqualityComparer<(byte[] Input, string Description)>
    {
        public static readonly MutationComparer Instance = new();

        public bool Equals((byte[] Input, string Description) x, (byte[] Input, string Description) y) =>
            x.Input.AsSpan().SequenceEqual(y.Input) && x.Description == y.Description;

        public int GetHashCode((byte[] Input, string Description) obj) => obj.Input.Length;
    }
}

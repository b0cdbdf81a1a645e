using NodaTime;
using ProactiveMessaging.Frequency;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Frequency;

/// <summary>The binary form of a visitor's frequency state: compact, canonical, versioned, and safe to read from anywhere.</summary>
public sealed class VisitorFrequencyStateFormatTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 9, 0);
    private static readonly FrequencyRules Rules = new(Duration.FromDays(7));
    private static readonly FrequencyPolicy Policy = new() { Windows = [new FatigueWindow(3, Duration.FromDays(1))] };

    [Fact]
    public void NewState_WritesTheVersionAndNothingElseToRemember()
    {
        var bytes = new VisitorFrequencyState().ToBytes();

        Assert.Equal(VisitorFrequencyState.FormatVersion, bytes[0]);
        Assert.True(bytes.Length <= 12, $"{bytes.Length} bytes");
        Assert.Null(VisitorFrequencyState.FromBytes(bytes).LastActivity);
    }

    [Fact]
    public void StateWithThreeSends_RoundTrips_AndStaysCompact()
    {
        var state = SentThree();

        var bytes = state.ToBytes();
        var read = VisitorFrequencyState.FromBytes(bytes);

        Assert.Equal(bytes, read.ToBytes());
        Assert.Equal(3, read.SentMessageCount);
        Assert.Equal(state.LastActivity, read.LastActivity);
        Assert.InRange(bytes.Length, 20, 120);

        // The state read back decides as the original: "welcome" is Once, "help" was just sent in this page view.
        Assert.Equal(ReservationStatus.AnotherMessageShowing, Rules.Reserve(read, Request("v1", "p3", Start, ("welcome", MessageFrequency.Once))).Status);
    }

    [Fact]
    public void WriteTo_WritesTheSameBytesAsToBytes()
    {
        var state = SentThree();
        var writer = new System.Buffers.ArrayBufferWriter<byte>(1);

        state.WriteTo(writer);

        Assert.Equal(state.ToBytes(), writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void FromBytes_NewerVersion_IsRefusedNamingTheVersion()
    {
        var bytes = SentThree().ToBytes();
        bytes[0] = 2;

        var error = Assert.Throws<FrequencyStateFormatException>(() => VisitorFrequencyState.FromBytes(bytes));

        Assert.Contains("version 2 is newer", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void FromBytes_Empty_IsRefused() =>
        Assert.Throws<FrequencyStateFormatException>(() => VisitorFrequencyState.FromBytes([]));

    [Fact]
    public void FromBytes_EveryTruncation_IsRefused()
    {
        var bytes = SentThree().ToBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<FrequencyStateFormatException>(() => VisitorFrequencyState.FromBytes(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void FromBytes_TrailingBytes_AreRefusedAtTheirOffset()
    {
        var bytes = SentThree().ToBytes();

        var error = Assert.Throws<FrequencyStateFormatException>(() => VisitorFrequencyState.FromBytes([.. bytes, 0]));

        Assert.Equal(bytes.Length, error.Offset);
    }

    [Fact]
    public void FromBytes_AnyCorruption_EitherReadsAStateThatWritesItselfOrIsRefused()
    {
        var bytes = SentThree().ToBytes();
        var random = new Random(20261129);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var corrupt = (byte[])bytes.Clone();
            var flips = random.Next(1, 4);
            for (var f = 0; f < flips; f++)
            {
                corrupt[random.Next(1, corrupt.Length)] = (byte)random.Next(256);
            }

            VisitorFrequencyState read;
            try
            {
                read = VisitorFrequencyState.FromBytes(corrupt);
            }
            catch (FrequencyStateFormatException)
            {
                continue;
            }

            // Whatever was read is a state the rules can use and that writes itself back.
            Assert.Equal(read.ToBytes(), VisitorFrequencyState.FromBytes(read.ToBytes()).ToBytes());
            Rules.Reserve(read, Request("v9", "p9", Start, ("welcome", MessageFrequency.EveryTime)));
        }
    }

    [Fact]
    public void FromBytes_HugeCounts_AreRefusedWithoutAllocatingForThem()
    {
        // Version, flags, visit, page view, no ids, nothing showing, counts, then two billion sent messages.
        byte[] bytes = [1, 0, 1, 1, 0, 0, 0, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x07];

        var error = Assert.Throws<FrequencyStateFormatException>(() => VisitorFrequencyState.FromBytes(bytes));

        Assert.Contains("do not fit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_MessageRecordedTwice_IsRefused()
    {
        // Version, flags, visit 1, page view 1, no ids, nothing showing, 2 sends, 0 this visit,
        // then two records of "a" (length + 1, the byte 'a', visit 1, page view 1), no send instants.
        byte[] twice = [1, 0, 1, 1, 0, 0, 0, 2, 0, 2, 2, (byte)'a', 1, 1, 2, (byte)'a', 1, 1, 0];
        byte[] once = [1, 0, 1, 1, 0, 0, 0, 2, 0, 1, 2, (byte)'a', 1, 1, 0];
        Assert.Equal(1, VisitorFrequencyState.FromBytes(once).SentMessageCount);

        var error = Assert.Throws<FrequencyStateFormatException>(() => VisitorFrequencyState.FromBytes(twice));

        Assert.Contains("recorded twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clone_SharesNothingMutable()
    {
        var state = SentThree();
        var before = state.ToBytes();

        var clone = state.Clone();
        Rules.RecordOutcome(clone, "v1", null, VisitorOutcome.Dismissed, Start);
        Rules.Reserve(clone, Request("v1", "p4", Start, ("other", MessageFrequency.EveryTime)));

        Assert.Equal(before, state.ToBytes());
        Assert.NotEqual(before, clone.ToBytes());
    }

    private static VisitorFrequencyState SentThree()
    {
        var state = new VisitorFrequencyState();
        string[] messages = ["welcome", "offer", "help"];
        for (var i = 0; i < messages.Length; i++)
        {
            var at = Start + Duration.FromMinutes(i);
            Assert.Equal(ReservationStatus.Reserved, Rules.Reserve(state, Request("v1", $"p{i + 1}", at, (messages[i], MessageFrequency.EveryTime))).Status);
            if (i < messages.Length - 1)
            {
                Assert.True(Rules.RecordOutcome(state, "v1", messages[i], VisitorOutcome.Dismissed, at));
            }
        }

        return state;
    }

    private static ReservationRequest Request(string visitId, string pageViewId, Instant now, params (string Id, MessageFrequency Frequency)[] candidates) =>
        new("ws", "visitor", visitId, pageViewId, now, candidates.Select(c => new FrequencyCandidate(c.Id, c.Frequency)).ToArray(), Policy);
}

using System.Text;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tests.Serialization;

/// <summary><see cref="MessageJson.ReadCatalogAsync"/> reads at most one byte past the size cap, however large the stream.</summary>
public sealed class BoundedReadTests
{
    private const int OneMebibyte = 1024 * 1024;

    [Fact]
    public async Task ReadCatalogAsync_TwoMebibytesWithAOneMebibyteCap_ReadsOneBytePastTheCap()
    {
        var options = new JsonFormatOptions { MaxCatalogBytes = OneMebibyte };
        using var stream = new CountingStream(PaddedCatalog(2 * OneMebibyte), seekable: false);

        var result = await MessageJson.ReadCatalogAsync(stream, options, TestContext.Current.CancellationToken);

        ProblemAssert.Single(result.Problems, JsonProblemCodes.TooLarge, ProblemKind.Malformed, "$");
        Assert.Equal(OneMebibyte + 1, stream.BytesRead);
        Assert.True(stream.LargestRequest <= OneMebibyte + 1, $"One read asked for {stream.LargestRequest} bytes.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public async Task ReadCatalogAsync_StreamGivingShortReads_StillStopsOneBytePastTheCap(int bytesPerRead)
    {
        var options = new JsonFormatOptions { MaxCatalogBytes = 300_000 };
        using var stream = new CountingStream(PaddedCatalog(1_000_000), seekable: false, bytesPerRead);

        var result = await MessageJson.ReadCatalogAsync(stream, options, TestContext.Current.CancellationToken);

        ProblemAssert.Single(result.Problems, JsonProblemCodes.TooLarge, ProblemKind.Malformed, "$");
        Assert.Equal(300_001, stream.BytesRead);
    }

    [Fact]
    public async Task ReadCatalogAsync_SeekableStreamPastTheCap_IsRefusedWithoutReading()
    {
        var options = new JsonFormatOptions { MaxCatalogBytes = OneMebibyte };
        using var stream = new CountingStream(PaddedCatalog(2 * OneMebibyte), seekable: true);

        var result = await MessageJson.ReadCatalogAsync(stream, options, TestContext.Current.CancellationToken);

        ProblemAssert.Single(result.Problems, JsonProblemCodes.TooLarge, ProblemKind.Malformed, "$");
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public async Task ReadCatalogAsync_SeekableStreamWhoseRestFitsTheCap_IsRead()
    {
        var catalog = PaddedCatalog(50_000);
        var options = new JsonFormatOptions { MaxCatalogBytes = catalog.Length };
        using var stream = new CountingStream([.. new byte[1000], .. catalog], seekable: true);
        stream.Position = 1000;

        var result = await MessageJson.ReadCatalogAsync(stream, options, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, ProblemAssert.Describe(result.Problems));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadCatalogAsync_ExactlyTheCap_IsReadAndOneByteMoreIsRefused(bool seekable)
    {
        var catalog = PaddedCatalog(200_000);
        using var atTheCap = new CountingStream(catalog, seekable);
        using var pastTheCap = new CountingStream(catalog, seekable);

        var read = await MessageJson.ReadCatalogAsync(atTheCap, new JsonFormatOptions { MaxCatalogBytes = catalog.Length }, TestContext.Current.CancellationToken);
        var refused = await MessageJson.ReadCatalogAsync(pastTheCap, new JsonFormatOptions { MaxCatalogBytes = catalog.Length - 1 }, TestContext.Current.CancellationToken);

        Assert.True(read.Succeeded, ProblemAssert.Describe(read.Problems));
        Assert.Equal(catalog.Length, atTheCap.BytesRead);
        ProblemAssert.Single(refused.Problems, JsonProblemCodes.TooLarge, ProblemKind.Malformed, "$");
        Assert.Equal(seekable ? 0 : catalog.Length, pastTheCap.BytesRead);
    }

    /// <summary>A valid catalog followed by spaces up to <paramref name="length"/> bytes.</summary>
    private static byte[] PaddedCatalog(int length)
    {
        var catalog = Encoding.UTF8.GetBytes(MessageJsonReadTests.ValidCatalog);
        var bytes = new byte[length];
        catalog.CopyTo(bytes, 0);
        bytes.AsSpan(catalog.Length).Fill((byte)' ');
        return bytes;
    }

    /// <summary>A read-only stream over bytes that counts what is read and the largest read asked for.</summary>
    private sealed class CountingStream(byte[] bytes, bool seekable, int bytesPerRead = int.MaxValue) : Stream
    {
        private long _position;

        public long BytesRead { get; private set; }

        public int LargestRequest { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? bytes.Length : throw new NotSupportedException();

        public override long Position
        {
            get => seekable ? _position : throw new NotSupportedException();
            set => _position = seekable ? value : throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            LargestRequest = Math.Max(LargestRequest, buffer.Length);
            var count = (int)Math.Min(Math.Min(buffer.Length, bytesPerRead), bytes.Length - _position);
            bytes.AsSpan((int)_position, count).CopyTo(buffer);
            _position += count;
            BytesRead += count;
            return count;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

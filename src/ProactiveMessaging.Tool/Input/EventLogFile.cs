using System.Globalization;

namespace ProactiveMessaging.Tool.Input;

/// <summary>
/// An event log (JSON Lines) read line by line as UTF-8 bytes through one buffer, so a log of any
/// size is read in bounded memory: the buffer grows only for a line longer than it, up to
/// <see cref="MaxLineBytes"/>.
/// </summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class EventLogFile : IDisposable
{
    /// <summary>The longest line read (16 MiB): a longer one is not an event but a broken file.</summary>
    public const int MaxLineBytes = 16 << 20;

    private readonly FileStream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _endOfFile;

    private EventLogFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Gets the 1-based number of the line last read.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Gets the file's length in bytes.</summary>
    public long Length => _stream.Length;

    /// <summary>Gets how many bytes of the file were consumed as lines.</summary>
    public long Position => _stream.Position - (_end - _start);

    /// <summary>Opens a log; a missing or unreadable file is a <see cref="ToolInputException"/> naming it.</summary>
    public static EventLogFile Open(string path) =>
        CatalogInput.Opening(path, () => new EventLogFile(path, new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan)));

    /// <summary>Reads the next line, without its line break (LF or CRLF); <see langword="false"/> at the end of the file.</summary>
    /// <param name="line">The line's bytes, valid until the next call.</param>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Take(newline, newline + 1);
                return true;
            }

            if (_endOfFile)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                line = Take(_end - _start, _end - _start);
                return true;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private ReadOnlySpan<byte> Take(int length, int consumed)
    {
        var line = _buffer.AsSpan(_start, length);
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        // A byte order mark before the first line is not part of the event.
        if (LineNumber == 0 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        _start += consumed;
        LineNumber++;
        return line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            // Move the partial line to the front, so the buffer only grows for a line longer than it.
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
            {
                throw new ToolInputException(string.Create(CultureInfo.InvariantCulture, $"{Path}:{LineNumber + 1}: the line is longer than {MaxLineBytes >> 20} MiB: not an event log."));
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        try
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            _end += read;
            _endOfFile = read == 0;
        }
        catch (IOException exception)
        {
            throw new ToolInputException($"{Path}: cannot be read: {exception.Message}", exception);
        }
    }
}

using System.Collections.Immutable;
using ProactiveMessaging.Model;
using ProactiveMessaging.Serialization;

namespace ProactiveMessaging.Tool.Input;

/// <summary>A catalog file as read: its bytes (for line numbers), the document when it reads, and every problem.</summary>
internal sealed class CatalogInput
{
    private CatalogInput(string path, byte[] bytes, CatalogDocument? document, ImmutableArray<Problem> problems)
    {
        Path = path;
        Bytes = bytes;
        Document = document;
        Problems = problems;
    }

    public string Path { get; }

    public byte[] Bytes { get; }

    /// <summary>Gets the document, or <see langword="null"/> when it does not read (see <see cref="Problems"/>).</summary>
    public CatalogDocument? Document { get; }

    public ImmutableArray<Problem> Problems { get; }

    /// <summary>Gets a value indicating whether the file is not JSON at all (a syntax error): unusable rather than invalid.</summary>
    public bool IsMalformedJson => Problems.Any(problem => problem.Code == JsonProblemCodes.Syntax);

    /// <summary>Reads a catalog file; a missing or unreadable file is a <see cref="ToolInputException"/>.</summary>
    public static CatalogInput Read(string path)
    {
        var bytes = ReadFile(path);

        // The workspace's own declarations (custom attributes, events) are applied by the reader.
        var read = MessageJson.ReadCatalog(bytes, new JsonFormatOptions { Validator = MessageValidator.Default });
        return new CatalogInput(path, bytes, read.TryGetValue(out var document) ? document : null, read.Problems);
    }

    /// <summary>The 1-based line of a problem in the file.</summary>
    public int LineOf(Problem problem) =>
        problem.Code == JsonProblemCodes.Syntax && JsonLines.SyntaxErrorLine(Bytes) is { } line ? line : JsonLines.LineOf(Bytes, problem.Path);

    /// <summary>The document, for a command that needs a valid catalog: otherwise its first problem, with file and line, as unusable input.</summary>
    public CatalogDocument Require()
    {
        if (Document is { } document && Problems.IsEmpty)
        {
            return document;
        }

        var first = Problems.First();
        throw new ToolInputException($"{Path}:{LineOf(first)}: {first.Message} ({first.Code} at {first.Path}); run 'proactive validate {Path}' for every problem.");
    }

    /// <summary>Reads a whole file; a missing or unreadable one is a <see cref="ToolInputException"/> naming it.</summary>
    public static byte[] ReadFile(string path) => Opening(path, () => File.ReadAllBytes(path));

    /// <summary>Opens or reads a file with <paramref name="open"/>; a missing or unreadable file is a <see cref="ToolInputException"/> naming it.</summary>
    public static T Opening<T>(string path, Func<T> open)
    {
        try
        {
            return open();
        }
        catch (FileNotFoundException)
        {
            throw new ToolInputException($"{path}: no such file.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new ToolInputException($"{path}: no such file (its folder does not exist).");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ToolInputException($"{path}: cannot be read: {exception.Message}", exception);
        }
    }
}

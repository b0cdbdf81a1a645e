namespace ProactiveMessaging.Tool.Output;

/// <summary>How a command writes its report.</summary>
internal enum OutputFormat
{
    /// <summary>For people: lines or a table.</summary>
    Text,

    /// <summary>For machines: one JSON document.</summary>
    Json,

    /// <summary>GitHub Actions workflow commands (<c>::error file=...,line=...::</c>), so CI shows each problem on its line.</summary>
    Github,
}

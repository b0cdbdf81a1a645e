using System.Collections.Immutable;

namespace ProactiveMessaging.Tests;

/// <summary>Assertions on problem lists that print the whole list when they fail.</summary>
internal static class ProblemAssert
{
    /// <summary>Asserts that the list holds exactly one problem, with this code, kind and path.</summary>
    public static Problem Single(ImmutableArray<Problem> problems, string code, ProblemKind kind, string path)
    {
        Assert.True(problems.Length == 1, $"Expected one problem {code} at {path}, found: {Describe(problems)}");
        var problem = problems[0];
        Assert.Equal((code, kind, path), (problem.Code, problem.Kind, problem.Path));
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
        return problem;
    }

    /// <summary>Asserts that the list holds a problem with this code and path (and kind, when given).</summary>
    public static Problem Contains(ImmutableArray<Problem> problems, string code, string path, ProblemKind? kind = null)
    {
        var found = problems.FirstOrDefault(p => p.Code == code && p.Path == path && (kind is null || p.Kind == kind));
        Assert.True(found is not null, $"Expected {code} at {path}, found: {Describe(problems)}");
        return found;
    }

    public static string Describe(ImmutableArray<Problem> problems) =>
        problems.IsEmpty ? "no problem" : string.Join(" | ", problems.Select(p => $"{p.Code} {p.Kind} {p.Path}"));
}

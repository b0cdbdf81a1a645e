using System.Text.RegularExpressions;

namespace ProactiveMessaging.Tests.Conditions;

/// <summary>
/// A regex whose every match ends in <see cref="RegexMatchTimeoutException"/>, as a real match does
/// when the input takes longer than the time-out: the time-out path without a race against the clock.
/// It counts its matches, so a test can also see that a pattern was not run.
/// </summary>
/// <remarks>Built the way generated regexes are: a runner factory whose runner scans.</remarks>
internal sealed class TimingOutRegex : Regex
{
    private int _matches;

    public TimingOutRegex(string pattern, TimeSpan timeout)
    {
        this.pattern = pattern;
        roptions = RegexOptions.None;
        internalMatchTimeout = timeout;
        capsize = 1;
        factory = new Factory(this);
    }

    /// <summary>Gets how many matches were started.</summary>
    public int MatchesStarted => Volatile.Read(ref _matches);

    private sealed class Factory(TimingOutRegex owner) : RegexRunnerFactory
    {
        protected override RegexRunner CreateInstance() => new Runner(owner);
    }

    private sealed class Runner(TimingOutRegex owner) : RegexRunner
    {
        protected override void Scan(ReadOnlySpan<char> text)
        {
            Interlocked.Increment(ref owner._matches);
            throw new RegexMatchTimeoutException(text.ToString(), owner.pattern!, owner.MatchTimeout);
        }
    }
}

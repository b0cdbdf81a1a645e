namespace ProactiveMessaging.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Smoke() => Assert.True(true);

    [FsCheck.Xunit.Property]
    public bool Prop(int x) => x + 0 == x;
}

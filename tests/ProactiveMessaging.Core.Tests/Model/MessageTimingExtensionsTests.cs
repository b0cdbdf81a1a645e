using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Model;

public sealed class MessageTimingExtensionsTests
{
    [Theory]
    [InlineData(MessageTiming.Anytime, true, true)]
    [InlineData(MessageTiming.Anytime, false, true)]
    [InlineData(MessageTiming.BusinessHours, true, true)]
    [InlineData(MessageTiming.BusinessHours, false, false)]
    [InlineData(MessageTiming.OutsideBusinessHours, true, false)]
    [InlineData(MessageTiming.OutsideBusinessHours, false, true)]
    public void Allows_AppliesTheTimingToTheScheduleState(MessageTiming timing, bool isOpen, bool allowed) =>
        Assert.Equal(allowed, timing.Allows(isOpen));

    [Fact]
    public void Allows_UnknownTiming_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((MessageTiming)42).Allows(isOpen: true));
}

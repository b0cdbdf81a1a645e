using ProactiveMessaging.Lifecycle;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Lifecycle;

public sealed class MessageActionsTests
{
    [Theory]
    [InlineData(MessageStatus.Draft, new[] { MessageAction.Edit, MessageAction.Duplicate, MessageAction.Publish, MessageAction.Delete })]
    [InlineData(MessageStatus.Live, new[] { MessageAction.Edit, MessageAction.Duplicate, MessageAction.Pause, MessageAction.Delete })]
    [InlineData(MessageStatus.Paused, new[] { MessageAction.Edit, MessageAction.Duplicate, MessageAction.Resume, MessageAction.Delete })]
    [InlineData(MessageStatus.Error, new[] { MessageAction.Edit, MessageAction.Delete })]
    public void AllowedFor_ReturnsTheTableRowInMenuOrder(MessageStatus status, MessageAction[] expected)
    {
        Assert.Equal(expected, MessageActions.AllowedFor(status));
        foreach (var action in Enum.GetValues<MessageAction>())
        {
            Assert.Equal(expected.Contains(action), MessageActions.IsAllowed(status, action));
        }
    }

    [Fact]
    public void AllowedFor_AnUndefinedStatus_AllowsNothing() =>
        Assert.Empty(MessageActions.AllowedFor((MessageStatus)42));

    [Fact]
    public void NotAllowedException_NamesTheStatusAndTheAction()
    {
        var error = new MessageActionNotAllowedException("m1", MessageStatus.Error, MessageAction.Publish);

        Assert.Equal((MessageStatus.Error, MessageAction.Publish, "m1"), (error.Status, error.Action, error.MessageId));
        Assert.Contains("Publish", error.Message, StringComparison.Ordinal);
        Assert.Contains("Error", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ProactiveMessagingException>(error);
    }
}

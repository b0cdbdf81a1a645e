namespace ProactiveMessaging.Lifecycle;

/// <summary>The kind of a messaging channel. Proactive messages run only on <see cref="WebWidget"/> and <see cref="MobileSdk"/> channels.</summary>
public enum ChannelKind
{
    /// <summary>A website's messaging Web Widget: the message appears above the launcher.</summary>
    WebWidget = 0,

    /// <summary>A mobile SDK channel: the message is a local notification shown by the app in the foreground.</summary>
    MobileSdk = 1,

    /// <summary>A social messaging channel (for example WhatsApp, Messenger or Instagram): not allowed for proactive messages.</summary>
    Social = 2,

    /// <summary>Any other kind of channel (email, SMS, a custom API channel): not allowed for proactive messages.</summary>
    Other = 3,
}

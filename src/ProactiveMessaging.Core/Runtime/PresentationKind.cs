namespace ProactiveMessaging.Runtime;

/// <summary>How the widget or app presents a proactive message.</summary>
public enum PresentationKind
{
    /// <summary>A Web Widget shows the text in a bubble above the launcher, replacing the launcher's own text.</summary>
    LauncherBubble = 0,

    /// <summary>A mobile SDK channel gets a local notification, which the app shows only while in the foreground.</summary>
    LocalNotification,
}

namespace ProactiveMessaging;

internal static class Placeholder
{
}

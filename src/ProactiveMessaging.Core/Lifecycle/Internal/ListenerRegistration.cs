namespace ProactiveMessaging.Lifecycle.Internal;

/// <summary>Removes a listener from its catalog when disposed; disposing twice is harmless.</summary>
internal sealed class ListenerRegistration : IDisposable
{
    private Action? _remove;

    public ListenerRegistration(Action remove)
    {
        _remove = remove;
    }

    public void Dispose() => Interlocked.Exchange(ref _remove, null)?.Invoke();
}

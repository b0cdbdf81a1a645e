using Microsoft.Extensions.ObjectPool;
using ProactiveMessaging.Conditions;
using ProactiveMessaging.Runtime;

namespace WidgetHost;

/// <summary>
/// Visitor contexts reused across requests, as the library advises for the decision path: one is
/// rented per event, filled, and returned (reset) once the engine has answered. A context made for
/// fields the workspace no longer has (its declared fields changed) is not handed out again.
/// </summary>
internal sealed class VisitorContexts
{
    private readonly ProactiveEngine _engine;
    private readonly ObjectPool<VisitorContext> _pool;

    public VisitorContexts(ProactiveEngine engine)
    {
        _engine = engine;
        _pool = new DefaultObjectPool<VisitorContext>(new Policy(engine));
    }

    /// <summary>A cleared context for the demo workspace's current fields.</summary>
    public VisitorContext Rent()
    {
        var fields = _engine.GetFields(DemoShop.WorkspaceId);
        var visitor = _pool.Get();
        return ReferenceEquals(visitor.Catalog, fields) ? visitor : new VisitorContext(fields);
    }

    public void Return(VisitorContext visitor) => _pool.Return(visitor);

    private sealed class Policy(ProactiveEngine engine) : IPooledObjectPolicy<VisitorContext>
    {
        public VisitorContext Create() => new(engine.GetFields(DemoShop.WorkspaceId));

        public bool Return(VisitorContext obj)
        {
            obj.Reset();
            return true;
        }
    }
}

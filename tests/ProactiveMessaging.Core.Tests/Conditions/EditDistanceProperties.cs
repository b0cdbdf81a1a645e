using FsCheck;
using FsCheck.Fluent;
using ProactiveMessaging.Conditions.Internal;

namespace ProactiveMessaging.Tests.Conditions;

public sealed class EditDistanceProperties
{
    [Fact]
    public void BoundedDistance_IsTheDistanceWithinTheLimit_AndPastTheLimitOtherwise()
    {
        var word = Gen.Elements('a', 'b', 'c', 'A', '.').ArrayOf().Select(chars => new string(chars));
        var cases = from a in word
                    from b in word
                    from limit in Gen.Choose(0, 8)
                    select (a, b, limit);
        Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var full = EditDistance.Compute(c.a, c.b);
            var bounded = EditDistance.Compute(c.a, c.b, c.limit);
            return full <= c.limit ? bounded == full : bounded > c.limit;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Suggest_NamesTheNearestFieldWithinAThirdOfTheName()
    {
        Assert.Equal("page.path", ProactiveMessaging.Conditions.FieldCatalog.Default.Suggest("page.pth"));
        Assert.Null(ProactiveMessaging.Conditions.FieldCatalog.Default.Suggest("something.else.entirely"));
    }
}

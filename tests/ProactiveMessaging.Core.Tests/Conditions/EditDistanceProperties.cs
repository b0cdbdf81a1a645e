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
    public void Suggest_IsTheFirstNearestFieldWithinTheLimit_AsAFullSearchFindsIt()
    {
        var fields = ProactiveMessaging.Conditions.FieldCatalog.Default;
        var names = Gen.Elements(fields.Fields.Select(f => f.Name).ToArray())
            .SelectMany(name => Gen.Choose(0, 4).SelectMany(edits => Mutate(name, edits)));
        Prop.ForAll(names.ToArbitrary(), name =>
        {
            var limit = Math.Clamp(name.Length / 3, 2, 3);
            string? expected = null;
            var best = limit + 1;
            foreach (var field in fields.Fields)
            {
                var distance = EditDistance.Compute(name, field.Name);
                if (distance < best)
                {
                    (expected, best) = (field.Name, distance);
                }
            }

            return fields.Suggest(name) == expected;
        }).QuickCheckThrowOnFailure();
    }

    private static Gen<string> Mutate(string name, int edits) =>
        edits == 0
            ? Gen.Constant(name)
            : from position in Gen.Choose(0, name.Length)
              from kind in Gen.Choose(0, 2)
              from c in Gen.Elements('a', 'e', 'x', '.', 'P')
              from rest in Mutate(
                  kind switch
                  {
                      0 => name.Insert(position, c.ToString()),
                      1 when position < name.Length => name.Remove(position, 1),
                      _ when position < name.Length => name.Remove(position, 1).Insert(position, c.ToString()),
                      _ => name + c,
                  },
                  edits - 1)
              select rest;

    [Fact]
    public void Suggest_NamesTheNearestFieldWithinAThirdOfTheName()
    {
        Assert.Equal("page.path", ProactiveMessaging.Conditions.FieldCatalog.Default.Suggest("page.pth"));
        Assert.Null(ProactiveMessaging.Conditions.FieldCatalog.Default.Suggest("something.else.entirely"));
    }
}

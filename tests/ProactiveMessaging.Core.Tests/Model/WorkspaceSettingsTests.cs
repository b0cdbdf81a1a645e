using ProactiveMessaging.Conditions;
using ProactiveMessaging.Model;

namespace ProactiveMessaging.Tests.Model;

/// <summary>The custom attributes and events a workspace declares, and the field catalogue they give.</summary>
public sealed class WorkspaceSettingsTests
{
    private static readonly CustomAttributeDeclaration Plan = new("plan", FieldType.Enum) { AllowedValues = ["free", "pro"] };

    [Fact]
    public void ExtendFields_NoDeclarations_ReturnsTheHostCatalogueItself()
    {
        var host = FieldCatalog.Default.WithEvent("addedToCart");

        Assert.Same(host, new WorkspaceSettings("acme").ExtendFields(host).Value);
    }

    [Fact]
    public void ExtendFields_Declarations_AddTheirFieldsToTheHostCatalogue()
    {
        var settings = new WorkspaceSettings("acme")
        {
            CustomAttributes = [Plan, new CustomAttributeDeclaration("company", FieldType.Text) { IgnoreCase = false }],
            Events = ["addedToCart"],
        };

        var fields = settings.ExtendFields(FieldCatalog.Default).GetValueOrThrow();

        Assert.True(fields.TryGetField("custom.plan", out var plan));
        Assert.Equal(FieldType.Enum, plan.Type);
        Assert.Equal(["free", "pro"], plan.AllowedValues);
        Assert.True(fields.TryGetField("custom.company", out var company));
        Assert.False(company.IgnoreCase);
        Assert.True(fields.TryGetField("event.addedToCart.count", out _));
        Assert.Equal(FieldType.Number, fields.GetSlot("event.addedToCart").Type);
        Assert.True(new ConditionCompiler(fields: fields).Compile(ConditionGroup.All(new Condition("custom.plan", ConditionOperator.Is, "pro"))).Succeeded);
    }

    [Fact]
    public void ExtendFields_DeclarationsTheHostHasIdentically_ChangeNothing()
    {
        var host = FieldCatalog.Default.WithCustomAttribute("plan", FieldType.Enum, ["free", "pro"]).WithCustomAttribute("visits", FieldType.Number, ignoreCase: false).WithEvent("addedToCart");
        var settings = new WorkspaceSettings("acme")
        {
            CustomAttributes = [Plan, new CustomAttributeDeclaration("visits", FieldType.Number)],
            Events = ["addedToCart"],
        };

        Assert.Same(host, settings.ExtendFields(host).Value);
    }

    [Theory]
    [InlineData(FieldType.Text, true, FieldType.Text, false)]
    [InlineData(FieldType.List, false, FieldType.List, true)]
    [InlineData(FieldType.Text, true, FieldType.List, true)]
    [InlineData(FieldType.Number, true, FieldType.Duration, true)]
    public void ExtendFields_AttributeTheHostDeclaresDifferently_IsAConflictAtTheDeclaration(FieldType hostType, bool hostIgnoreCase, FieldType type, bool ignoreCase)
    {
        var host = FieldCatalog.Default.WithCustomAttribute("company", hostType, ignoreCase: hostIgnoreCase);
        var settings = new WorkspaceSettings("acme") { CustomAttributes = [Plan, new CustomAttributeDeclaration("company", type) { IgnoreCase = ignoreCase }] };

        var problem = ProblemAssert.Single(settings.ExtendFields(host).Problems, ConditionProblemCodes.DeclarationConflict, ProblemKind.Malformed, "$.customAttributes[1]");

        Assert.Contains("custom.company", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendFields_EnumTheHostDeclaresWithOtherValues_IsAConflict()
    {
        var host = FieldCatalog.Default.WithCustomAttribute("plan", FieldType.Enum, ["pro", "free"]);

        ProblemAssert.Single(new WorkspaceSettings("acme") { CustomAttributes = [Plan] }.ExtendFields(host).Problems, ConditionProblemCodes.DeclarationConflict, ProblemKind.Malformed, "$.customAttributes[0]");
    }

    [Fact]
    public void ExtendFields_EveryProblem_IsListedAtItsPath()
    {
        var settings = new WorkspaceSettings("acme")
        {
            CustomAttributes =
            [
                Plan,
                new CustomAttributeDeclaration("plan", FieldType.Text),
                new CustomAttributeDeclaration("bad name", FieldType.Text),
                new CustomAttributeDeclaration("tier", FieldType.Enum),
                new CustomAttributeDeclaration("size", (FieldType)99),
                new CustomAttributeDeclaration("tags", FieldType.List) { AllowedValues = ["a"] },
                new CustomAttributeDeclaration("level", FieldType.Enum) { AllowedValues = ["a", "", "A"] },
            ],
            Events = ["ok", "not-ok", "ok"],
        };

        var result = settings.ExtendFields(FieldCatalog.Default);

        Assert.False(result.Succeeded);
        Assert.Equal(
            [
                (ConditionProblemCodes.DeclarationDuplicate, "$.customAttributes[1].name"),
                (ConditionProblemCodes.DeclarationNameInvalid, "$.customAttributes[2].name"),
                (ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.customAttributes[3].allowedValues"),
                (ModelProblemCodes.EnumValueUnknown, "$.customAttributes[4].type"),
                (ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.customAttributes[5].allowedValues"),
                (ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.customAttributes[6].allowedValues[1]"),
                (ConditionProblemCodes.DeclarationAllowedValuesInvalid, "$.customAttributes[6].allowedValues[2]"),
                (ConditionProblemCodes.DeclarationNameInvalid, "$.events[1]"),
                (ConditionProblemCodes.DeclarationDuplicate, "$.events[2]"),
            ],
            result.Problems.Select(p => (p.Code, p.Path)));
        Assert.All(result.Problems, p => Assert.Equal(ProblemKind.Malformed, p.Kind));
    }

    // Code units rather than strings: a theory's data would not carry a lone surrogate intact.
    [Theory]
    [InlineData("pro", 0xD800, "")]
    [InlineData("", 0xDC00, "pro")]
    [InlineData("a", 0xDBFF, "b")]
    public void ExtendFields_AllowedValueWithALoneSurrogate_IsAProblem(string before, int unit, string after)
    {
        var value = before + (char)unit + after;
        var settings = new WorkspaceSettings("acme") { CustomAttributes = [Plan with { AllowedValues = ["free", value, "\U0001F600"] }] };

        ProblemAssert.Single(settings.ExtendFields(FieldCatalog.Default).Problems, ConditionProblemCodes.DeclarationAllowedValuesInvalid, ProblemKind.Malformed, "$.customAttributes[0].allowedValues[1]");
    }

    [Fact]
    public void ExtendFields_TooManyDeclarations_IsAProblem()
    {
        var settings = new WorkspaceSettings("acme")
        {
            CustomAttributes = [.. Enumerable.Range(0, 257).Select(i => new CustomAttributeDeclaration($"a{i}", FieldType.Number))],
            Events = [.. Enumerable.Range(0, 257).Select(i => $"e{i}")],
        };

        var problems = settings.ExtendFields(FieldCatalog.Default).Problems;

        Assert.Equal(["$.customAttributes", "$.events"], problems.Select(p => p.Path));
        Assert.All(problems, p => Assert.Equal(ConditionProblemCodes.DeclarationTooMany, p.Code));
    }

    [Fact]
    public void Equality_IncludesTheDeclarationsInOrder()
    {
        var settings = new WorkspaceSettings("acme") { CustomAttributes = [Plan], Events = ["a", "b"] };

        Assert.Equal(settings, new WorkspaceSettings("acme") { CustomAttributes = [Plan with { }], Events = ["a", "b"] });
        Assert.Equal(settings.GetHashCode(), (settings with { }).GetHashCode());
        Assert.NotEqual(settings, settings with { Events = ["b", "a"] });
        Assert.NotEqual(settings, settings with { CustomAttributes = [] });
        Assert.NotEqual(settings, settings with { CustomAttributes = [Plan with { AllowedValues = ["pro", "free"] }] });
    }

    [Fact]
    public void DeclarationEquality_ComparesTheCaseModeOnlyWhereItApplies()
    {
        Assert.NotEqual(new CustomAttributeDeclaration("a", FieldType.Text), new CustomAttributeDeclaration("a", FieldType.Text) { IgnoreCase = false });
        Assert.NotEqual(new CustomAttributeDeclaration("a", FieldType.List), new CustomAttributeDeclaration("a", FieldType.List) { IgnoreCase = false });
        Assert.Equal(new CustomAttributeDeclaration("a", FieldType.Number), new CustomAttributeDeclaration("a", FieldType.Number) { IgnoreCase = false });
        Assert.Equal(Plan, Plan with { IgnoreCase = false });
        Assert.Equal(Plan.GetHashCode(), (Plan with { IgnoreCase = false }).GetHashCode());
        Assert.NotEqual(new CustomAttributeDeclaration("a", FieldType.Text), new CustomAttributeDeclaration("A", FieldType.Text));
    }

    [Fact]
    public void Declarations_HoldingNull_AreRefusedAtOnce()
    {
        Assert.Throws<ArgumentException>(() => new WorkspaceSettings("acme") { CustomAttributes = [null!] });
        Assert.Throws<ArgumentException>(() => new WorkspaceSettings("acme") { Events = ["a", null!] });
        Assert.Throws<ArgumentNullException>(() => new CustomAttributeDeclaration(null!, FieldType.Text));
    }

    [Fact]
    public void Declarations_DefaultArrays_AreEmpty()
    {
        var settings = new WorkspaceSettings("acme") { CustomAttributes = default, Events = default };

        Assert.Empty(settings.CustomAttributes);
        Assert.Empty(settings.Events);
        Assert.Empty(new CustomAttributeDeclaration("a", FieldType.Enum) { AllowedValues = default }.AllowedValues);
    }
}

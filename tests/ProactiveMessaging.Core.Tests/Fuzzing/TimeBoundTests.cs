namespace ProactiveMessaging.Tests.Fuzzing;

/// <summary>
/// Tests that hold an input to a time bound run alone, after the parallel ones: on a two-core
/// machine the other tests would otherwise take their cores and the bound would measure them.
/// </summary>
[CollectionDefinition(nameof(TimeBoundTests), DisableParallelization = true)]
public sealed class TimeBoundTests;

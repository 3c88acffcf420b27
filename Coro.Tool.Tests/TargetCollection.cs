namespace Coro.Tool.Tests;

/// <summary>The tests that read the one <see cref="TargetProcess"/>: it is started once for them.</summary>
[CollectionDefinition(nameof(TargetCollection))]
public sealed class TargetCollection : ICollectionFixture<TargetProcess>;

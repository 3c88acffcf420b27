namespace Coro.Tool.Tests;

/// <summary>Coroutine names made from type names as ClrMD spells them, as Coro's own
/// <c>CoroutineName</c> makes them from <c>Type</c>: <c>Type.Method</c>.</summary>
public sealed class TypeNamesTests
{
    [Theory]
    [InlineData("Shop.App+<Worker>d__3", "App.Worker")]
    [InlineData("App+<Worker>d__3", "App.Worker")]
    [InlineData("Shop.Outer+Inner+<Fetch>d__0", "Inner.Fetch")]
    [InlineData("Shop.App+<<Run>g__Local|0_0>d", "App.Local")]
    [InlineData("Shop.App+<>c__DisplayClass2_0+<<Run>g__Local|1>d", "App.Local")]
    [InlineData("Shop.Box<System.Int32>+<Get>d__2<System.String>", "Box.Get")]
    [InlineData("Shop.Box`1+<Get>d__2`1", "Box.Get")]
    public void A_body_type_names_its_coroutine_as_Coro_does(string clrName, string coroutine) =>
        Assert.Equal(coroutine, TypeNames.CoroutineName(clrName));

    [Theory]
    [InlineData("Coro.Runner<System.Int32>", "Coro.Runner`1")]
    [InlineData("Coro.Runner<System.Collections.Generic.List<System.String>>", "Coro.Runner`1")]
    [InlineData("Coro.FutureQueue<System.Int32>+PendingGet", "Coro.FutureQueue`1+PendingGet")]
    [InlineData("Coro.CompletionOrder+Placeholder<Coro.Future>", "Coro.CompletionOrder+Placeholder`1")]
    public void A_generic_instantiation_matches_its_metadata_name(string clrName, string metadataName) =>
        Assert.True(TypeNames.Is(clrName, metadataName));

    [Fact]
    public void Different_types_do_not_match() =>
        Assert.False(TypeNames.Is("Coro.FutureQueue<System.Int32>+PendingPut", "Coro.FutureQueue`1+PendingGet"));
}

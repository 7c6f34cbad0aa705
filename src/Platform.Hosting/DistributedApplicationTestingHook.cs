namespace Platform.Hosting;

// Lets Platform.Hosting.Testing run an AppHost's own Program entry point and take over the builder it creates:
// CreateBuilder applies the test's options, Build hands the builder over instead of building.
internal sealed class DistributedApplicationTestingHook
{
    public static readonly AsyncLocal<DistributedApplicationTestingHook?> Current = new();

    public required Action<DistributedApplicationOptions> ConfigureOptions { get; init; }

    public required Action<DistributedApplicationBuilder> OnBuild { get; init; }
}

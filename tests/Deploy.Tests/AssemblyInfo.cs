// The tests publish the AppHost's manifest and run the Bicep compiler, each once per run (shared fixtures); running
// the classes side by side on two cores gains nothing and makes a slow machine slower.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

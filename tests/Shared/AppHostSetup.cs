using Microsoft.Extensions.Logging;

namespace Platform.Tests.Shared;

/// <summary>How <see cref="AppHostSystem"/> starts the AppHost: what differs between the tests and benches that run it.</summary>
/// <param name="DataPrefix">The start of the name of the servers' data folder (in the temp folder), which says whose it is.</param>
/// <param name="WaitFor">The resources that must be healthy before the start is done.</param>
/// <param name="Within">How long the start and the waits may take together.</param>
internal sealed record AppHostSetup(string DataPrefix, IReadOnlyList<string> WaitFor, TimeSpan Within)
{
    /// <summary>Whether Aspire's dashboard runs too; off unless asked for.</summary>
    public bool Dashboard { get; init; }

    /// <summary>The bank's and the farm's admin token (parameter <c>bank-admin-token</c>), fixed so the run can call as admin.</summary>
    public string? AdminToken { get; init; }

    /// <summary>
    /// The local servers' password (parameters <c>redis-password</c> and <c>postgres-password</c>), fixed so a run neither
    /// depends on nor writes the AppHost's user secrets; without one the AppHost's own are used.
    /// </summary>
    public string? ServerPassword { get; init; }

    /// <summary>Resources taken out of the model before it is built, by name.</summary>
    public IReadOnlyList<string> Without { get; init; } = [];

    /// <summary>Changes to the model before it is built: a resource's environment, say.</summary>
    public Action<IDistributedApplicationTestingBuilder>? Configure { get; init; }

    /// <summary>
    /// Where the resources' own output goes, whole, instead of the console; without one their warnings and errors go to
    /// the console.
    /// </summary>
    public ILoggerProvider? ResourceOutput { get; init; }
}

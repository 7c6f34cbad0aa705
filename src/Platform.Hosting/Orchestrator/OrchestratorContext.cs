using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Orchestrator;

/// <summary>What every part of one run shares.</summary>
internal sealed record OrchestratorContext(
    DistributedApplicationOptions Options,
    IHostEnvironment HostEnvironment,
    IConfiguration Configuration,
    AppHostPaths Paths,
    ILogger Logger);

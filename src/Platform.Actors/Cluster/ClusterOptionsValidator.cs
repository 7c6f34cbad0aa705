using Microsoft.Extensions.Options;

namespace Platform.Actors.Cluster;

/// <summary>Rejects cluster settings that cannot work, naming the setting to fix.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        List<string> errors = [];
        if (string.IsNullOrEmpty(options.ClusterSecret))
        {
            errors.Add("Actors:ClusterSecret is not set; every silo and client of a cluster must share one secret (Actors__ClusterSecret).");
        }

        if (options.SiloPort is < 0 or > 65535)
        {
            errors.Add($"Actors:SiloPort is {options.SiloPort}; use 0 (any free port) or a port number up to 65535.");
        }

        if (!System.Net.IPAddress.TryParse(options.SiloAddress, out _))
        {
            errors.Add($"Actors:SiloAddress '{options.SiloAddress}' is not an IP address (e.g. 127.0.0.1).");
        }

        var m = options.Membership;
        if (m.ProbePeriod <= TimeSpan.Zero || m.ProbeTimeout <= TimeSpan.Zero || m.TableRefreshPeriod <= TimeSpan.Zero || m.IAmAlivePeriod <= TimeSpan.Zero)
        {
            errors.Add("Actors:Membership periods (ProbePeriod, ProbeTimeout, TableRefreshPeriod, IAmAlivePeriod) must be positive.");
        }

        if (m.MissedProbesLimit < 1 || m.VotesForDeath < 1)
        {
            errors.Add("Actors:Membership:MissedProbesLimit and VotesForDeath must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

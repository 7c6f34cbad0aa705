using Microsoft.Extensions.Logging;

namespace Platform.Actors.Membership;

/// <content>Membership log messages (event ids 1301–1399).</content>
internal sealed partial class MembershipAgent
{
    private static partial class Log
    {
        [LoggerMessage(1301, LogLevel.Information, "Silo {Silo} joined the cluster as Active")]
        public static partial void Joined(ILogger logger, SiloAddress silo);

        [LoggerMessage(1302, LogLevel.Critical, "Silo {Silo} was declared dead by the cluster; stopping it")]
        public static partial void DeclaredDead(ILogger logger, SiloAddress silo);

        [LoggerMessage(1303, LogLevel.Debug, "Probe of silo {Silo} missed ({Missed} in a row)")]
        public static partial void ProbeMissed(ILogger logger, SiloAddress silo, int missed);

        [LoggerMessage(1304, LogLevel.Warning, "Declared silo {Silo} dead after {Missed} missed probes and enough votes")]
        public static partial void DeclaringDead(ILogger logger, SiloAddress silo, int missed);

        [LoggerMessage(1305, LogLevel.Warning, "A membership round failed; retrying next round")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}

using System.Diagnostics.Metrics;
using Bank.Contracts;

namespace Bank.Grains;

/// <summary>
/// The bank's own metrics (meter <see cref="MeterName"/>), recorded by the grains once per outcome, never for a
/// repeated request: transfers by outcome, their amounts and how long they took from acceptance to their final state,
/// and refused account operations by reason.
/// </summary>
public sealed class BankMetrics
{
    /// <summary>The meter's name, to export it (<c>AddOpenTelemetryMeter</c>).</summary>
    public const string MeterName = "Bank";

    private readonly Counter<long> _transfers;
    private readonly Histogram<double> _amounts;
    private readonly Histogram<double> _durations;
    private readonly Counter<long> _refusals;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public BankMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _transfers = meter.CreateCounter<long>("bank.transfers", "{transfer}", "Transfers that reached a final state, by outcome.");
        _amounts = meter.CreateHistogram<double>("bank.transfer.amount", "{currency_unit}", "Amounts of completed transfers, in major units of their currency.");
        _durations = meter.CreateHistogram<double>("bank.transfer.duration", "s", "Time from a transfer's acceptance to its final state.");
        _refusals = meter.CreateCounter<long>("bank.operation.refusals", "{operation}", "Account operations refused, by reason.");
    }

    internal void TransferFinished(TransferRequest request, TransferStatus status, AccountOutcome? reason, TimeSpan duration)
    {
        var outcome = new KeyValuePair<string, object?>("bank.transfer.outcome", status.ToString().ToLowerInvariant());
        var cause = new KeyValuePair<string, object?>("bank.refusal.reason", reason?.ToString().ToLowerInvariant() ?? "none");
        _transfers.Add(1, outcome, cause);
        _durations.Record(duration.TotalSeconds, outcome);
        if (status == TransferStatus.Completed && Currencies.TryGetMinorDigits(request.Currency, out var digits))
        {
            _amounts.Record(request.AmountMinor / Math.Pow(10, digits), new KeyValuePair<string, object?>("bank.currency", request.Currency));
        }
    }

    internal void Refused(string kind, AccountOutcome reason) =>
        _refusals.Add(1,
            new KeyValuePair<string, object?>("bank.operation", kind),
            new KeyValuePair<string, object?>("bank.refusal.reason", reason.ToString().ToLowerInvariant()));
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bank.Contracts;
using Bank.Grains;
using Bank.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Bank.Tests.Grains;

/// <summary>The bank's own metrics: one measurement per outcome, none for a repeated request.</summary>
[Collection(ServersCollectionDefinition.Name)]
public sealed class BankMetricsTests(ServersFixture servers)
{
    [Fact]
    public async Task Transfers_CompletedRefusedAndRepeated_CountedOncePerOutcomeWithAmountAndDuration()
    {
        await using var silo = await BankSilo.StartAsync(await servers.CreateDatabaseAsync());
        using var recorded = new Recorder(silo.Cluster.Silos[0].SiloHost.Services.GetRequiredService<IMeterFactory>());
        var a = silo.Grains.GetGrain<IAccountGrain>("A");
        var b = silo.Grains.GetGrain<IAccountGrain>("B");
        await a.OpenAsync("alice", "EUR");
        await b.OpenAsync("bob", "EUR");
        await a.DepositAsync("seed", 1_000, "EUR");

        var paid = new TransferRequest("A", "B", 250, "EUR");
        await silo.Grains.GetGrain<ITransferGrain>("k1").ExecuteAsync(paid);
        await silo.Grains.GetGrain<ITransferGrain>("k1").ExecuteAsync(paid);
        await silo.Grains.GetGrain<ITransferGrain>("k2").ExecuteAsync(new TransferRequest("A", "B", 5_000, "EUR"));

        Assert.Equal(
            ["completed/none", "failed/insufficientfunds"],
            recorded.Of("bank.transfers").Select(m => $"{m.Tags["bank.transfer.outcome"]}/{m.Tags["bank.refusal.reason"]}").Order());
        Assert.Equal(2.50, Assert.Single(recorded.Of("bank.transfer.amount")).Value);
        Assert.Equal("EUR", Assert.Single(recorded.Of("bank.transfer.amount")).Tags["bank.currency"]);
        Assert.All(recorded.Of("bank.transfer.duration"), m => Assert.InRange(m.Value, 0, 60));
        Assert.Equal(2, recorded.Of("bank.transfer.duration").Count());
        var refusal = Assert.Single(recorded.Of("bank.operation.refusals"));
        Assert.Equal(("transfer-out", "insufficientfunds"), (refusal.Tags["bank.operation"], refusal.Tags["bank.refusal.reason"]));
    }

    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);

    /// <summary>The measurements of the bank meter made by one silo's meter factory (other tests' silos have their own).</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();

        public Recorder(IMeterFactory silo)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == BankMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, silo))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
            _listener.Start();
        }

        public IEnumerable<Measurement> Of(string instrument) => _measurements.Where(m => m.Instrument == instrument);

        public void Dispose() => _listener.Dispose();

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var (key, tagValue) in tags)
            {
                copy[key] = tagValue;
            }

            _measurements.Enqueue(new Measurement(instrument.Name, value, copy));
        }
    }
}

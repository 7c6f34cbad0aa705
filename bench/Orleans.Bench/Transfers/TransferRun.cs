namespace Orleans.Bench.Transfers;

/// <summary>A transfer measurement, its failures by exception type, and the sum of all balances before and after it.</summary>
internal sealed record TransferRun(Measurement Measurement, IReadOnlyDictionary<string, int> Failures, long ExpectedTotal, long ActualTotal)
{
    public bool Conserved => ExpectedTotal == ActualTotal;
}

namespace Orleans.Bench.Transfers;

[GenerateSerializer]
internal sealed class Balance
{
    [Id(0)]
    public long Minor { get; set; }
}

namespace Bank.Grains;

/// <summary>A customer's account numbers.</summary>
[GenerateSerializer, Alias("bank.CustomerState")]
internal sealed class CustomerState
{
    [Id(0)]
    public List<string> Accounts { get; set; } = [];
}

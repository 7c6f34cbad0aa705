namespace Bank.Grains;

/// <summary>A customer's account numbers.</summary>
internal sealed class CustomerState
{
    public List<string> Accounts { get; set; } = [];
}

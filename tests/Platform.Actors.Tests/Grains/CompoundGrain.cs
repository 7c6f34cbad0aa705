namespace Platform.Actors.Tests.Grains;

public sealed class CompoundGrain : Grain, ICompoundGrain
{
    public Task<string> DescribeAsync()
    {
        var key = this.GetPrimaryKey(out var extension);
        return Task.FromResult($"{key:N}|{extension}");
    }
}

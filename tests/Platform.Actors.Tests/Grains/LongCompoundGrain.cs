namespace Platform.Actors.Tests.Grains;

public sealed class LongCompoundGrain : Grain, ILongCompoundGrain
{
    public Task<string> DescribeAsync()
    {
        var key = this.GetPrimaryKeyLong(out var extension);
        return Task.FromResult($"{key}|{extension}");
    }
}

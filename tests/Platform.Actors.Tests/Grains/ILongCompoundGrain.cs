namespace Platform.Actors.Tests.Grains;

public interface ILongCompoundGrain : IGrainWithIntegerCompoundKey
{
    Task<string> DescribeAsync();
}

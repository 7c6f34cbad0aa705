namespace Platform.Actors.Tests.Grains;

public interface ICompoundGrain : IGrainWithGuidCompoundKey
{
    Task<string> DescribeAsync();
}

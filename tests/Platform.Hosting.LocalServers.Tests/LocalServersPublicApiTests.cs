namespace Platform.Hosting.LocalServers.Tests;

/// <summary>The argument guards of the public extension methods, in every hosting mode.</summary>
public sealed class LocalServersPublicApiTests
{
    [Fact]
    public void AddLocalRedis_NullBuilder_ThrowsArgumentNullException()
    {
        IDistributedApplicationBuilder builder = null!;

        var exception = Assert.Throws<ArgumentNullException>(() => builder.AddLocalRedis("redis"));
        Assert.Equal("builder", exception.ParamName);
    }

    [Fact]
    public void AddLocalPostgres_NullBuilder_ThrowsArgumentNullException()
    {
        IDistributedApplicationBuilder builder = null!;

        var exception = Assert.Throws<ArgumentNullException>(() => builder.AddLocalPostgres("pg"));
        Assert.Equal("builder", exception.ParamName);
    }

    [Theory]
    [InlineData(HostingMode.Run)]
    [InlineData(HostingMode.UseContainers)]
    public void AddLocalRedis_NullName_ThrowsArgumentNullException(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);

        var exception = Assert.Throws<ArgumentNullException>(() => builder.AddLocalRedis(null!));
        Assert.Equal("name", exception.ParamName);
    }

    [Theory]
    [InlineData(HostingMode.Run, "")]
    [InlineData(HostingMode.Run, " ")]
    [InlineData(HostingMode.UseContainers, "")]
    public void AddLocalRedis_EmptyName_ThrowsArgumentException(HostingMode mode, string name)
    {
        using var builder = TestBuilders.Create(mode);

        var exception = Assert.Throws<ArgumentException>(() => builder.AddLocalRedis(name));
        Assert.Equal("name", exception.ParamName);
        Assert.Empty(builder.Resources);
    }

    [Theory]
    [InlineData(HostingMode.Run)]
    [InlineData(HostingMode.UseContainers)]
    public void AddLocalPostgres_NullName_ThrowsArgumentNullException(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);

        var exception = Assert.Throws<ArgumentNullException>(() => builder.AddLocalPostgres(null!));
        Assert.Equal("name", exception.ParamName);
    }

    [Theory]
    [InlineData(HostingMode.Run, "")]
    [InlineData(HostingMode.Run, "\t")]
    [InlineData(HostingMode.UseContainers, "")]
    public void AddLocalPostgres_EmptyName_ThrowsArgumentException(HostingMode mode, string name)
    {
        using var builder = TestBuilders.Create(mode);

        var exception = Assert.Throws<ArgumentException>(() => builder.AddLocalPostgres(name));
        Assert.Equal("name", exception.ParamName);
        Assert.Empty(builder.Resources);
    }

    [Fact]
    public void AddDatabase_NullBuilder_ThrowsArgumentNullException()
    {
        IResourceBuilder<IResourceWithConnectionString> builder = null!;

        var exception = Assert.Throws<ArgumentNullException>(() => builder.AddDatabase("appdb"));
        Assert.Equal("builder", exception.ParamName);
    }

    [Theory]
    [InlineData(HostingMode.Run, "")]
    [InlineData(HostingMode.Run, " ")]
    [InlineData(HostingMode.UseContainers, "")]
    public void AddDatabase_EmptyName_ThrowsArgumentException(HostingMode mode, string name)
    {
        using var builder = TestBuilders.Create(mode);
        var postgres = builder.AddLocalPostgres("pg");

        var exception = Assert.Throws<ArgumentException>(() => postgres.AddDatabase(name));
        Assert.Equal("name", exception.ParamName);
    }

    [Theory]
    [InlineData(HostingMode.Run)]
    [InlineData(HostingMode.UseContainers)]
    [InlineData(HostingMode.Publish)]
    public void AddDatabase_OnRedis_ThrowsArgumentExceptionNamingTheResource(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);
        var redis = builder.AddLocalRedis("cache");
        var resourcesBefore = builder.Resources.Count;

        var exception = Assert.Throws<ArgumentException>(() => redis.AddDatabase("appdb"));

        Assert.Equal("builder", exception.ParamName);
        Assert.Contains("'cache'", exception.Message, StringComparison.Ordinal);
        Assert.Equal(resourcesBefore, builder.Resources.Count);
    }

    [Theory]
    [InlineData(HostingMode.Run)]
    [InlineData(HostingMode.UseContainers)]
    public void AddDatabase_OnADatabase_ThrowsArgumentExceptionNamingTheResource(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);
        var database = builder.AddLocalPostgres("pg").AddDatabase("appdb");

        var exception = Assert.Throws<ArgumentException>(() => database.AddDatabase("other"));

        Assert.Contains("'appdb'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithPersistentData_NullBuilder_ThrowsArgumentNullException()
    {
        IResourceBuilder<IResourceWithConnectionString> builder = null!;

        var exception = Assert.Throws<ArgumentNullException>(() => builder.WithPersistentData());
        Assert.Equal("builder", exception.ParamName);
    }

    [Theory]
    [InlineData(HostingMode.Run)]
    [InlineData(HostingMode.UseContainers)]
    [InlineData(HostingMode.Publish)]
    public void WithPersistentData_OnRedis_ThrowsArgumentExceptionNamingTheResource(HostingMode mode)
    {
        using var builder = TestBuilders.Create(mode);
        var redis = builder.AddLocalRedis("cache");
        var annotationsBefore = redis.Resource.Annotations.Count;

        var exception = Assert.Throws<ArgumentException>(() => redis.WithPersistentData());

        Assert.Equal("builder", exception.ParamName);
        Assert.Contains("'cache'", exception.Message, StringComparison.Ordinal);
        Assert.Equal(annotationsBefore, redis.Resource.Annotations.Count);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.AspNetCore.Tests.Infrastructure;
using Platform.AspNetCore.Tokens;
using Platform.Tests.Shared;
using static Platform.AspNetCore.Tests.Infrastructure.HttpExtensions;

namespace Platform.AspNetCore.Tests;

[Collection(PostgresCollectionDefinition.Name)]
public sealed class TokenStoreTests(PostgresFixture servers)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Two_apps_on_one_database_share_the_tokens_and_the_second_start_changes_nothing()
    {
        var database = await servers.CreateDatabaseAsync("tokens");
        await using var first = await TestApi.StartAsync(database);
        using var issue = await first.Client.SendAsync(HttpMethod.Post, "/admin/tokens", TestApi.Bearer(TestApi.AdminToken),
            Json(new IssueTokenRequest("shared", TestApi.ReaderRole)));
        Assert.Equal(HttpStatusCode.Created, issue.StatusCode);
        var issued = (await issue.Content.ReadFromJsonAsync<IssuedToken>(Web))!;
        var schemaBefore = await DescribeSchemaAsync(database);
        var tokensBefore = await ListAsync(first);

        await using var second = await TestApi.StartAsync(database);

        Assert.Equal(schemaBefore, await DescribeSchemaAsync(database));
        Assert.Equal(tokensBefore, await ListAsync(second));
        Assert.Single(tokensBefore, t => t.Role == ApiRoles.Admin);
        using var me = await second.Client.SendAsync(HttpMethod.Get, "/me", TestApi.Bearer(issued.Token));
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Ensuring_the_schema_again_changes_nothing()
    {
        var database = await servers.CreateDatabaseAsync("tokens");
        await using var api = await TestApi.StartAsync(database);
        var store = api.Services.GetRequiredService<TokenStore>();
        var id = await store.AddAsync(store.NewToken(), "kept", TestApi.ReaderRole, CancellationToken.None);
        var schemaBefore = await DescribeSchemaAsync(database);
        var tokensBefore = await store.ListAsync(null, CancellationToken.None);

        await store.EnsureSchemaAsync(CancellationToken.None);
        await store.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal(schemaBefore, await DescribeSchemaAsync(database));
        Assert.Equal(tokensBefore, await store.ListAsync(null, CancellationToken.None));
        Assert.Contains(tokensBefore, t => t.Id == id);
    }

    [Fact]
    public async Task Replicas_creating_the_schema_together_do_not_race()
    {
        var database = await servers.CreateDatabaseAsync("tokens");
        await using var db = NpgsqlDataSource.Create(database);
        var stores = Enumerable.Range(0, 6).Select(_ => NewStore(db, TestApi.Schema)).ToList();

        await Task.WhenAll(stores.Select(s => s.EnsureSchemaAsync(CancellationToken.None)));

        var token = stores[0].NewToken();
        await stores[0].AddAsync(token, "racer", TestApi.ReaderRole, CancellationToken.None);
        Assert.Equal(new TokenHolder("racer", TestApi.ReaderRole), await stores[^1].FindAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Re_adding_a_known_token_changes_its_holder_and_keeps_its_id()
    {
        var database = await servers.CreateDatabaseAsync("tokens");
        await using var db = NpgsqlDataSource.Create(database);
        var store = NewStore(db, TestApi.Schema);
        await store.EnsureSchemaAsync(CancellationToken.None);
        var token = store.NewToken();

        var first = await store.AddAsync(token, "before", TestApi.ReaderRole, CancellationToken.None);
        Assert.Equal(new TokenHolder("before", TestApi.ReaderRole), await store.FindAsync(token, CancellationToken.None));
        var second = await store.AddAsync(token, "after", ApiRoles.Admin, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(new TokenHolder("after", ApiRoles.Admin), await store.FindAsync(token, CancellationToken.None));
        Assert.Single(await store.ListAsync(null, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_hash_of_a_token_is_stored()
    {
        var database = await servers.CreateDatabaseAsync("tokens");
        await using var api = await TestApi.StartAsync(database);
        var store = api.Services.GetRequiredService<TokenStore>();
        var token = store.NewToken();
        await store.AddAsync(token, "hashed", TestApi.ReaderRole, CancellationToken.None);

        await using var db = NpgsqlDataSource.Create(database);
        await using var cmd = db.CreateCommand($"SELECT count(*) FROM {TestApi.Schema}.api_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))");
        cmd.Parameters.Add(new() { Value = token });
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
        await using var raw = db.CreateCommand($"SELECT count(*) FROM {TestApi.Schema}.api_tokens t WHERE position(convert_to($1, 'UTF8') in t.token_hash) > 0 OR t.subject = $1");
        raw.Parameters.Add(new() { Value = token });
        Assert.Equal(0L, await raw.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("bank; drop")]
    [InlineData("Bank")]
    [InlineData("bank-api")]
    [InlineData("bank.api")]
    [InlineData("")]
    [InlineData("sixty_four_characters")]
    public async Task An_invalid_schema_makes_the_store_throw_naming_it(string schema)
    {
        schema = schema == "sixty_four_characters" ? new string('s', 64) : schema;
        await using var db = NpgsqlDataSource.Create(servers.Postgres.GetConnectionString());

        var error = Assert.Throws<InvalidOperationException>(() => NewStore(db, schema));

        Assert.Contains($"'{schema}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bank")]
    [InlineData("farm_2")]
    [InlineData("sixty_three_characters")]
    public async Task A_plain_schema_name_is_accepted(string schema)
    {
        schema = schema == "sixty_three_characters" ? new string('s', 63) : schema;
        await using var db = NpgsqlDataSource.Create(servers.Postgres.GetConnectionString());

        var store = NewStore(db, schema);

        Assert.Equal(schema + ":tokens:revoked", store.RevokedChannel.ToString());
    }

    [Fact]
    public async Task An_app_with_an_invalid_schema_does_not_start_and_touches_no_database()
    {
        var database = await servers.CreateDatabaseAsync("tokens");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApi.StartAsync(database, tokens: o => o.Schema = "bank; drop"));

        Assert.Contains("'bank; drop'", error.Message, StringComparison.Ordinal);
        await using var db = NpgsqlDataSource.Create(database);
        await using var cmd = db.CreateCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'bank%'");
        Assert.Equal(0L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AddApiTokens_works_without_the_app_registering_a_TimeProvider()
    {
        var database = await servers.CreateDatabaseAsync("tokens");

        await using var api = await TestApi.StartAsync(database, registerTimeProvider: false);
        using var list = await api.Client.SendAsync(HttpMethod.Get, "/admin/tokens", TestApi.Bearer(TestApi.AdminToken));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    private static TokenStore NewStore(NpgsqlDataSource db, string schema) =>
        new(db, TimeProvider.System, Options.Create(new ApiTokenOptions { Schema = schema }), NullLogger<TokenStore>.Instance);

    private static async Task<List<TokenInfo>> ListAsync(TestApi api)
    {
        using var response = await api.Client.SendAsync(HttpMethod.Get, "/admin/tokens", TestApi.Bearer(TestApi.AdminToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<TokenInfo>>(Web))!;
    }

    /// <summary>The token table's columns, indexes and constraints, as PostgreSQL describes them.</summary>
    private static async Task<string> DescribeSchemaAsync(string connectionString)
    {
        await using var db = NpgsqlDataSource.Create(connectionString);
        await using var cmd = db.CreateCommand(
            """
            SELECT
              (SELECT string_agg(column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''), ', ' ORDER BY column_name)
                 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'api_tokens')
              || ' | ' ||
              (SELECT string_agg(indexdef, '; ' ORDER BY indexname) FROM pg_indexes WHERE schemaname = $1)
              || ' | ' ||
              (SELECT count(*)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1)
            """);
        cmd.Parameters.Add(new() { Value = TestApi.Schema });
        var description = (string?)await cmd.ExecuteScalarAsync();
        Assert.NotNull(description);
        Assert.Contains("token_id uuid", description, StringComparison.Ordinal);
        return description;
    }
}

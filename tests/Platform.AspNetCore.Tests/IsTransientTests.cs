using Npgsql;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Orleans.Transactions;
using Platform.AspNetCore.Problems;
using StackExchange.Redis;

namespace Platform.AspNetCore.Tests;

public sealed class IsTransientTests
{
    private static readonly Dictionary<string, Func<Exception>> Cases = new()
    {
        // Outages: retryable.
        ["timeout"] = () => new TimeoutException(),
        ["silo unavailable"] = () => new SiloUnavailableException(),
        ["connection failed"] = () => new ConnectionFailedException("refused"),
        ["gateway too busy"] = () => new GatewayTooBusyException(),
        ["inconsistent state"] = () => new InconsistentStateException("etag mismatch"),
        ["npgsql"] = () => new NpgsqlException("unreachable"),
        ["redis connection"] = () => new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down"),
        ["timeout in an aggregate"] = () => new AggregateException(new InvalidOperationException("other"), new TimeoutException()),
        ["timeout nested twice"] = () => new InvalidOperationException("outer", new ApplicationException("middle", new TimeoutException())),
        ["npgsql in a nested aggregate"] = () => new AggregateException(new AggregateException(new NpgsqlException("down"))),
        ["aborted by a timeout"] = () => new OrleansTransactionAbortedException("tx", new TimeoutException()),
        ["aborted by a dead silo"] = () => new OrleansTransactionAbortedException("tx", new SiloUnavailableException()),
        ["aborted without a cause"] = () => new OrleansTransactionAbortedException("tx", "lock contention"),
        ["aborted by an in-doubt transaction"] = () => new OrleansTransactionAbortedException("tx", new OrleansTransactionInDoubtException("tx2")),
        ["in doubt"] = () => new OrleansTransactionInDoubtException("tx", new TimeoutException()),
        ["transient failure"] = () => new OrleansTransactionTransientFailureException("tx", "try again"),
        ["prepare timeout"] = () => new OrleansTransactionPrepareTimeoutException("tx", new TimeoutException()),
        ["transaction service unavailable"] = () => new OrleansTransactionServiceNotAvailableException(),

        // Bugs: not retryable, a 500.
        ["invalid operation"] = () => new InvalidOperationException("bug"),
        ["argument"] = () => new ArgumentException("bug"),
        ["aggregate of bugs"] = () => new AggregateException(new InvalidOperationException(), new ArgumentException()),
        ["read-only violated"] = () => new OrleansReadOnlyViolatedException("tx"),
        ["transactions disabled"] = () => new OrleansTransactionsDisabledException(),
        ["orphan call"] = () => new OrleansOrphanCallException("tx", 2),
        ["aborted by a bug"] = () => new OrleansTransactionAbortedException("tx", new InvalidOperationException("bug")),
        ["read-only violated inside an aggregate"] = () => new AggregateException(new OrleansReadOnlyViolatedException("tx")),
    };

    [Theory]
    [InlineData("timeout")]
    [InlineData("silo unavailable")]
    [InlineData("connection failed")]
    [InlineData("gateway too busy")]
    [InlineData("inconsistent state")]
    [InlineData("npgsql")]
    [InlineData("redis connection")]
    [InlineData("timeout in an aggregate")]
    [InlineData("timeout nested twice")]
    [InlineData("npgsql in a nested aggregate")]
    [InlineData("aborted by a timeout")]
    [InlineData("aborted by a dead silo")]
    [InlineData("aborted without a cause")]
    [InlineData("aborted by an in-doubt transaction")]
    [InlineData("in doubt")]
    [InlineData("transient failure")]
    [InlineData("prepare timeout")]
    [InlineData("transaction service unavailable")]
    public void An_outage_is_transient(string name) => Assert.True(BackendExceptionHandler.IsTransient(Cases[name]()), name);

    [Theory]
    [InlineData("invalid operation")]
    [InlineData("argument")]
    [InlineData("aggregate of bugs")]
    [InlineData("read-only violated")]
    [InlineData("transactions disabled")]
    [InlineData("orphan call")]
    [InlineData("aborted by a bug")]
    [InlineData("read-only violated inside an aggregate")]
    public void A_bug_is_not_transient(string name) => Assert.False(BackendExceptionHandler.IsTransient(Cases[name]()), name);

    [Fact]
    public void An_application_outage_type_is_transient_only_where_registered()
    {
        Type[] registered = [typeof(IOException)];
        Exception[] outages =
        [
            new IOException("disk"),
            new FileNotFoundException("a derived type"),
            new InvalidOperationException("outer", new IOException("disk")),
            new AggregateException(new ArgumentException(), new IOException("disk")),
            new OrleansTransactionAbortedException("tx", new IOException("disk")),
        ];

        Assert.All(outages, e => Assert.True(BackendExceptionHandler.IsTransient(e, registered), e.ToString()));
        Assert.All(outages, e => Assert.False(BackendExceptionHandler.IsTransient(e), e.ToString()));
        Assert.False(BackendExceptionHandler.IsTransient(new InvalidOperationException("bug"), registered));
    }

    [Fact]
    public void Every_case_is_asserted()
    {
        var asserted = typeof(IsTransientTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>())
            .Select(a => (string)a.GetData(null!).Single()[0]);
        Assert.Equal(Cases.Keys.Order(), asserted.Order());
    }
}

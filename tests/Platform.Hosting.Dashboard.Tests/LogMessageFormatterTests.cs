using Platform.Hosting.Dashboard.Otlp;
using Platform.Hosting.Dashboard.Telemetry;

namespace Platform.Hosting.Dashboard.Tests;

public sealed class LogMessageFormatterTests
{
    [Fact]
    public void Format_TemplateWithKnownHoles_FillsThemFromAttributes()
    {
        var message = LogMessageFormatter.Format("Moved {Amount:N2} to {@Account} in {Elapsed}", [new TelemetryTag("Amount", "12"), new TelemetryTag("Account", "a/7")]);

        Assert.Equal("Moved 12 to a/7 in {Elapsed}", message);
    }

    [Fact]
    public void Format_EscapedBraces_AreUnescaped()
    {
        Assert.Equal("json {x} 1", LogMessageFormatter.Format("json {{x}} {N}", [new TelemetryTag("N", "1")]));
    }

    [Fact]
    public void Format_ValueContainingBraces_IsInsertedVerbatim()
    {
        Assert.Equal("got {{\"a\":{}}}", LogMessageFormatter.Format("got {Body}", [new TelemetryTag("Body", "{{\"a\":{}}}")]));
    }

    [Fact]
    public void Format_PlainText_IsUnchanged()
    {
        Assert.Equal("no holes here", LogMessageFormatter.Format("no holes here", [new TelemetryTag("a", "b")]));
    }
}

namespace Bank.Api.Apis;

internal static class IdempotencyKeys
{
    public const string Rule = "The Idempotency-Key header is required: 1 to 64 characters of letters, digits, '-' and '_'.";

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= 64 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

using Microsoft.Extensions.Options;

namespace Platform.Actors.Runtime;

/// <summary>Rejects option values the runtime cannot work with, saying which option and what is allowed.</summary>
internal sealed class ActorsOptionsValidator : IValidateOptions<ActorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ActorsOptions options)
    {
        var failures = new List<string>();
        Positive(failures, nameof(ActorsOptions.CollectionAge), options.CollectionAge);
        Positive(failures, nameof(ActorsOptions.CollectionQuantum), options.CollectionQuantum);
        PositiveOrInfinite(failures, nameof(ActorsOptions.ResponseTimeout), options.ResponseTimeout);
        PositiveOrInfinite(failures, nameof(ActorsOptions.ActivationTimeout), options.ActivationTimeout);
        PositiveOrInfinite(failures, nameof(ActorsOptions.DeactivationTimeout), options.DeactivationTimeout);
        Positive(failures, nameof(ActorsOptions.MinimumReminderPeriod), options.MinimumReminderPeriod);
        Positive(failures, nameof(ActorsOptions.ReminderRefreshPeriod), options.ReminderRefreshPeriod);
        if (string.IsNullOrWhiteSpace(options.ClusterId) || string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Actors:ClusterId and Actors:ServiceId must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string option, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
        {
            failures.Add($"Actors:{option} is {value}; it must be a positive duration such as 00:01:00.");
        }
    }

    private static void PositiveOrInfinite(List<string> failures, string option, TimeSpan value)
    {
        if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
        {
            failures.Add($"Actors:{option} is {value}; it must be a positive duration such as 00:00:30.");
        }
    }
}

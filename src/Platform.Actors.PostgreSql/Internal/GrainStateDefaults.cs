namespace Platform.Actors.PostgreSql.Internal;

/// <summary>
/// The state a grain starts from when nothing is stored. <see cref="Storage.IGrainStorage"/> puts no <c>new()</c> constraint on the state
/// type, so the instance is made by reflection: the parameterless constructor when there is one, else the serializer binding an empty
/// JSON object (which covers records whose parameters all have defaults).
/// </summary>
internal static class GrainStateDefaults
{
    public static T Create<T>(IGrainStateSerializer serializer, string stateName)
    {
        try
        {
            return Activator.CreateInstance<T>();
        }
        catch (MissingMethodException missing)
        {
            try
            {
                if (serializer.Deserialize<T>("{}") is { } state)
                {
                    return state;
                }
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                missing = new MissingMethodException(missing.Message + " " + ex.Message);
            }

            throw new InvalidOperationException(
                $"State '{stateName}' has type '{typeof(T)}', which has no public parameterless constructor, so a grain without stored state " +
                "cannot start from a default instance. Give the type a parameterless constructor.",
                missing);
        }
    }
}

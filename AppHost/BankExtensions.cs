namespace AppHost;

/// <summary>The bank's own steps of the app model.</summary>
internal static class BankExtensions
{
    /// <summary>
    /// The API's admin credential as a secret parameter: generated once and kept in the AppHost's user secrets
    /// (<c>Parameters:bank-admin-token</c>), so <c>dotnet user-secrets list --project AppHost</c> shows it and a test
    /// can set its own.
    /// </summary>
    public static IResourceBuilder<ParameterResource> AddBankAdminToken(this IDistributedApplicationBuilder builder) =>
        builder.AddParameter("bank-admin-token", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
}

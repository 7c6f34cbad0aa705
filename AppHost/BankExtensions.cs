using Microsoft.Extensions.Configuration;
using Platform.Hosting.ApplicationModel;

namespace AppHost;

/// <summary>The bank's own steps of the app model.</summary>
internal static class BankExtensions
{
    /// <summary>
    /// The API's admin credential: <c>Parameters:bank-admin-token</c> (user secrets or the environment) when it is set,
    /// so scripts and tests know it; otherwise the API generates one at its first start, stores it hashed and prints it
    /// once on its console. Read at start, so a test can set it after building the model.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBankAdminToken(this IResourceBuilder<ProjectResource> api, IConfiguration configuration) =>
        api.WithEnvironment("Bank__AdminToken", () => configuration["Parameters:bank-admin-token"] ?? "", isSecret: true);
}

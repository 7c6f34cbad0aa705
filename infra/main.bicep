// What `azd provision` (and `azd up`) deploys for the AppHost: a resource group and, through resources.bicep, the
// shared infrastructure the container apps run on. The container apps themselves are created at `azd deploy` from
// AppHost/infra/{resource}.tmpl.yaml. Laid out as `azd infra synth` lays it out for an Aspire AppHost; kept in sync
// with the AppHost's manifest by tests/Deploy.Tests. docs/deploy.md says what each part is for.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; the resource group is rg-{environmentName}.')
param environmentName string

@minLength(1)
@description('The Azure region of every resource.')
param location string

@description('Object id of the user or app running azd: it gets Contributor on the Container Apps environment, which the Aspire dashboard needs.')
param principalId string = ''

// The app model's secret parameters. azd generates or asks for each value at the first `azd provision`, keeps it in
// the environment's config (.azure/{env}/config.json) and hands it to the container app templates at `azd deploy`
// ({{ securedParameter "name" }}), so no Bicep resource reads them: hence the disabled no-unused-params below.

@metadata({ azd: { type: 'generate', config: { length: 32, noSpecial: true } } })
@secure()
@description('The bank API\'s admin credential (Bank__AdminToken).')
#disable-next-line no-unused-params
param bank_admin_token string

@secure()
@description('The Orleans cluster certificate: a base64-encoded PKCS#12 (PFX) without password. azd cannot make one: docs/deploy.md says how.')
#disable-next-line no-unused-params
param orleans_certificate string

@metadata({ azd: { type: 'generate', config: { length: 22, noSpecial: true } } })
@secure()
@description('The PostgreSQL superuser\'s password.')
#disable-next-line no-unused-params
param postgres_password string

@metadata({ azd: { type: 'generate', config: { length: 22, noSpecial: true } } })
@secure()
@description('The Redis password.')
#disable-next-line no-unused-params
param redis_password string

var tags = {
  'azd-env-name': environmentName
}

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  scope: rg
  name: 'resources'
  params: {
    location: location
    tags: tags
    principalId: principalId
  }
}

// azd reads these after provisioning: the templates refer to them as {{ .Env.NAME }}.
output MANAGED_IDENTITY_CLIENT_ID string = resources.outputs.MANAGED_IDENTITY_CLIENT_ID
output MANAGED_IDENTITY_NAME string = resources.outputs.MANAGED_IDENTITY_NAME
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = resources.outputs.AZURE_LOG_ANALYTICS_WORKSPACE_NAME
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.AZURE_CONTAINER_REGISTRY_ENDPOINT
output AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID string = resources.outputs.AZURE_CONTAINER_REGISTRY_MANAGED_IDENTITY_ID
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = resources.outputs.AZURE_CONTAINER_APPS_ENVIRONMENT_NAME
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = resources.outputs.AZURE_CONTAINER_APPS_ENVIRONMENT_ID
output AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN string = resources.outputs.AZURE_CONTAINER_APPS_ENVIRONMENT_DEFAULT_DOMAIN
output SERVICE_POSTGRES_VOLUME_POSTGRESDATA_NAME string = resources.outputs.SERVICE_POSTGRES_VOLUME_POSTGRESDATA_NAME
output AZURE_VOLUMES_STORAGE_ACCOUNT string = resources.outputs.AZURE_VOLUMES_STORAGE_ACCOUNT

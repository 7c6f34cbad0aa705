using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Publishing;
using Platform.Orleans.Security;

namespace Aspire.Hosting;

/// <summary>A new cluster certificate each time it is asked, like <see cref="GenerateParameterDefault"/> for passwords.</summary>
internal sealed class ClusterCertificateParameterDefault : ParameterDefault
{
    public override string GetDefaultValue() => ClusterCertificate.Create();

    // Nothing: azd can neither generate a certificate nor should it get this machine's one. Publish mode adds the
    // parameter without this default anyway; were it here, Aspire would write an empty "default": {}, which azd reads
    // as no default (it looks only at 'value' and 'generate') and so asks for the value at deploy time.
    public override void WriteToManifest(ManifestPublishingContext context)
    {
    }
}

using System.Management.Automation;
using CsmEvents.Datadog;

namespace CsmEvents.Hosting;

/// <summary>
/// On -Site: a site that is not one of Datadog's is a parameter error at binding, naming the known sites (Core
/// decides: <see cref="DatadogEndpoint.CheckSite"/>), before any key is read or any request made. Other addresses
/// go to -ApiUrl.
/// </summary>
internal sealed class ValidateDatadogSiteAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object value = arguments is PSObject wrapper ? wrapper.BaseObject : arguments;
        if (value is not string site) return;
        try
        {
            DatadogEndpoint.CheckSite(site, "-Site", "-ApiUrl");
        }
        catch (DatadogConfigurationException ex)
        {
            throw new ValidationMetadataException(ex.Message, ex);
        }
    }
}

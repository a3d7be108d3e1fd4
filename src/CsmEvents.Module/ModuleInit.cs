using System.IO;
using System.Management.Automation;

namespace CsmEvents;

/// <summary>
/// Runs when PowerShell imports and removes the module: installs and removes the resolve handler that serves
/// <c>Dependencies/</c> (see <see cref="DependencyResolver"/>), and the rule that turns deserialized events back
/// into live ones (see <see cref="Hosting.DeserializationTarget"/>). The manifest must not list those DLLs: PowerShell
/// would load them before this runs, from the wrong context.
/// </summary>
public sealed class ModuleInit : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    public void OnImport()
    {
        string moduleFolder = Path.GetDirectoryName(typeof(ModuleInit).Assembly.Location) ?? string.Empty;
        DependencyResolver.Register(Path.Combine(moduleFolder, "Dependencies"));
        Hosting.DeserializationTarget.Register();
    }

    public void OnRemove(PSModuleInfo module)
    {
        Hosting.DeserializationTarget.Unregister();
        DependencyResolver.Unregister();
    }
}

using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CsmEvents.Model;

namespace CsmEvents.Hosting;

/// <summary>
/// Declares, when the module is imported, that a deserialized CsmEvent is to become a live <see cref="CsmEvent"/>
/// (<c>TargetTypeForDeserialization</c>; <see cref="CsmEventTypeConverter"/> does the conversion). This cannot be in
/// CsmEvents.Types.ps1xml: PowerShell reads that file before it loads the module's assemblies, and a type name
/// there must resolve at once. Removed again with the module.
/// </summary>
internal static class DeserializationTarget
{
    public static void Register() => Run(ps => ps.AddCommand("Microsoft.PowerShell.Utility\\Update-TypeData")
        .AddParameter("TypeData", new TypeData(CsmEventSerialization.DeserializedTypeName) { TargetTypeForDeserialization = typeof(CsmEvent) })
        .AddParameter("Force"));

    public static void Unregister() => Run(ps => ps.AddCommand("Microsoft.PowerShell.Utility\\Remove-TypeData")
        .AddParameter("TypeName", CsmEventSerialization.DeserializedTypeName)
        .AddParameter("ErrorAction", ActionPreference.Ignore));

    // Runs in the session that imports (or removes) the module. Outside a session (a host that loads the assembly
    // by itself), or in a restricted session without Update-TypeData, there is no type table to update: events then
    // stay property bags after deserialization, which the cmdlets still accept (PSObjectAdapter, the converter).
    private static void Run(System.Action<PowerShell> build)
    {
        if (Runspace.DefaultRunspace == null) return;
        using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
        build(ps);
        try
        {
            ps.Invoke();
        }
        catch (CommandNotFoundException)
        {
        }
    }
}
